-- Repositories with ids, as SOAR's /rest/scm lists them (issue 11): a Vigil repository is a name
-- on its playbooks and custom functions, and SOAR clients look a repository's id up by name
-- (`/rest/scm?_filter_name="local"`) to filter playbooks by it (`_filter_scm=<id>`). A name gets
-- its id the first time a playbook or custom function is saved in it, and keeps it.
CREATE TABLE "scm_repos" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "create_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "scm_repos_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "scm_repos_name_key" ON "scm_repos"("name");

INSERT INTO "scm_repos" ("name") VALUES ('local'), ('community') ON CONFLICT DO NOTHING;
INSERT INTO "scm_repos" ("name")
  SELECT "repo" FROM (SELECT "repo" FROM "playbooks" UNION SELECT "repo" FROM "custom_functions") r ORDER BY 1
  ON CONFLICT DO NOTHING;

CREATE FUNCTION "vigil_scm_repo_seen"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO scm_repos (name) VALUES (NEW.repo) ON CONFLICT (name) DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER "playbooks_scm_repo" AFTER INSERT OR UPDATE OF "repo" ON "playbooks" FOR EACH ROW EXECUTE FUNCTION "vigil_scm_repo_seen"();
CREATE TRIGGER "custom_functions_scm_repo" AFTER INSERT OR UPDATE OF "repo" ON "custom_functions" FOR EACH ROW EXECUTE FUNCTION "vigil_scm_repo_seen"();
