-- The playbook engine (issue 9): playbooks with versions, custom functions, durable runs (state on
-- the run row, one step row per block execution, a run log, pending callbacks) and the
-- "playbooks to start" rows that container and artifact inserts write in the same transaction.

CREATE TABLE "playbooks" (
    "id" SERIAL NOT NULL,
    "repo" TEXT NOT NULL DEFAULT 'local',
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "category" TEXT NOT NULL DEFAULT '',
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "labels" TEXT[] DEFAULT ARRAY['*']::TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT false,
    "type" TEXT NOT NULL DEFAULT 'automation',
    "input_spec" JSONB NOT NULL DEFAULT '[]',
    "output_spec" JSONB NOT NULL DEFAULT '[]',
    "graph" JSONB,
    "code" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "create_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "update_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "playbooks_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "playbooks_repo_name_key" ON "playbooks"("repo", "name");

CREATE TABLE "playbook_versions" (
    "id" SERIAL NOT NULL,
    "playbook_id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "author" TEXT NOT NULL,
    "message" TEXT NOT NULL DEFAULT '',
    "graph" JSONB,
    "code" TEXT,
    "create_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "playbook_versions_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "playbook_versions_playbook_id_version_key" ON "playbook_versions"("playbook_id", "version");
ALTER TABLE "playbook_versions" ADD CONSTRAINT "playbook_versions_playbook_id_fkey" FOREIGN KEY ("playbook_id") REFERENCES "playbooks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "custom_functions" (
    "id" SERIAL NOT NULL,
    "repo" TEXT NOT NULL DEFAULT 'local',
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "code" TEXT NOT NULL,
    "create_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "update_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "custom_functions_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "custom_functions_repo_name_key" ON "custom_functions"("repo", "name");

CREATE TABLE "playbook_runs" (
    "id" SERIAL NOT NULL,
    "playbook_id" INTEGER NOT NULL,
    "playbook_version" INTEGER NOT NULL,
    "container_id" INTEGER NOT NULL,
    "parent_run_id" INTEGER,
    "parent_block" TEXT,
    "status" TEXT NOT NULL DEFAULT 'running',
    "message" TEXT NOT NULL DEFAULT '',
    "scope" TEXT NOT NULL DEFAULT 'new',
    "artifact_floor" INTEGER NOT NULL DEFAULT 0,
    "artifact_max" INTEGER NOT NULL DEFAULT 0,
    "inputs" JSONB NOT NULL DEFAULT '{}',
    "outputs" JSONB NOT NULL DEFAULT '{}',
    "state" JSONB NOT NULL DEFAULT '{}',
    "ready" BOOLEAN NOT NULL DEFAULT true,
    "lease_owner" TEXT,
    "lease_until" TIMESTAMPTZ(3),
    "deadline" TIMESTAMPTZ(3) NOT NULL,
    "started_by" TEXT NOT NULL DEFAULT 'system',
    "start_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "end_time" TIMESTAMPTZ(3),
    CONSTRAINT "playbook_runs_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "playbook_runs_container_id_id_idx" ON "playbook_runs"("container_id", "id");
CREATE INDEX "playbook_runs_playbook_id_container_id_idx" ON "playbook_runs"("playbook_id", "container_id");
-- What workers claim: small, since finished and waiting runs leave it.
CREATE INDEX "playbook_runs_ready_idx" ON "playbook_runs"("id") WHERE "status" = 'running' AND "ready";
CREATE INDEX "playbook_runs_deadline_idx" ON "playbook_runs"("deadline") WHERE "status" = 'running';
ALTER TABLE "playbook_runs" ADD CONSTRAINT "playbook_runs_playbook_id_fkey" FOREIGN KEY ("playbook_id") REFERENCES "playbooks"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "playbook_runs" ADD CONSTRAINT "playbook_runs_container_id_fkey" FOREIGN KEY ("container_id") REFERENCES "containers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "playbook_steps" (
    "id" BIGSERIAL NOT NULL,
    "run_id" INTEGER NOT NULL,
    "block_id" TEXT NOT NULL,
    "block_name" TEXT NOT NULL,
    "block_type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "inputs" JSONB NOT NULL DEFAULT '{}',
    "outputs" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,
    "start_time" TIMESTAMPTZ(3) NOT NULL,
    "end_time" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "playbook_steps_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "playbook_steps_run_id_block_id_key" ON "playbook_steps"("run_id", "block_id");
ALTER TABLE "playbook_steps" ADD CONSTRAINT "playbook_steps_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "playbook_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "playbook_run_log" (
    "id" BIGSERIAL NOT NULL,
    "run_id" INTEGER NOT NULL,
    "block_id" TEXT,
    "level" TEXT NOT NULL DEFAULT 'info',
    "message" TEXT NOT NULL,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "create_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "playbook_run_log_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "playbook_run_log_run_id_id_idx" ON "playbook_run_log"("run_id", "id");
ALTER TABLE "playbook_run_log" ADD CONSTRAINT "playbook_run_log_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "playbook_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "playbook_callbacks" (
    "id" SERIAL NOT NULL,
    "run_id" INTEGER NOT NULL,
    "block_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "ref_id" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "detail" JSONB NOT NULL DEFAULT '{}',
    "result" JSONB,
    "due" TIMESTAMPTZ(3),
    "create_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "done_time" TIMESTAMPTZ(3),
    CONSTRAINT "playbook_callbacks_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "playbook_callbacks_run_id_block_id_key" ON "playbook_callbacks"("run_id", "block_id");
CREATE INDEX "playbook_callbacks_kind_ref_id_idx" ON "playbook_callbacks"("kind", "ref_id");
CREATE INDEX "playbook_callbacks_due_idx" ON "playbook_callbacks"("due") WHERE "status" = 'pending';
ALTER TABLE "playbook_callbacks" ADD CONSTRAINT "playbook_callbacks_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "playbook_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "playbook_triggers" (
    "container_id" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "create_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "playbook_triggers_pkey" PRIMARY KEY ("container_id")
);

-- Ingestion writes containers and artifacts in single statements; these statement-level
-- triggers add one "start playbooks" row per container in that same transaction (nothing when
-- no playbook is active) and wake the workers, so ingestion never waits for the engine.
CREATE FUNCTION "vigil_playbook_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM playbooks WHERE active) THEN RETURN NULL; END IF;
  IF TG_TABLE_NAME = 'containers' THEN
    INSERT INTO playbook_triggers (container_id, reason) SELECT id, 'created' FROM new_rows ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO playbook_triggers (container_id, reason) SELECT DISTINCT container_id, 'artifacts' FROM new_rows ON CONFLICT DO NOTHING;
  END IF;
  PERFORM pg_notify('vigil_playbooks', '');
  RETURN NULL;
END $$;
CREATE TRIGGER "containers_playbook_trigger" AFTER INSERT ON "containers" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "vigil_playbook_trigger"();
CREATE TRIGGER "artifacts_playbook_trigger" AFTER INSERT ON "artifacts" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "vigil_playbook_trigger"();

-- An action run that reaches a final status completes the playbook callback waiting for it (in
-- the job runner's own settling transaction), with SOAR's callback results: one action result
-- per app run. The run becomes ready and the workers are woken.
CREATE FUNCTION "vigil_action_run_done"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH cb AS (
    UPDATE playbook_callbacks SET status = 'done', done_time = now(), result = jsonb_build_object(
      'status', NEW.status, 'message', NEW.message, 'action_run_id', NEW.id, 'action', NEW.action, 'name', NEW.name,
      'results', coalesce((SELECT jsonb_agg(jsonb_build_object(
        'status', CASE WHEN r.status = 'success' THEN 'success' ELSE 'failed' END, 'message', r.message,
        'parameter', r.parameter, 'data', r.result_data, 'summary', r.result_summary, 'asset_id', r.asset_id, 'app_run_id', r.id)
        ORDER BY r.id) FROM app_runs r WHERE r.action_run_id = NEW.id), '[]'::jsonb))
    WHERE kind = 'action' AND ref_id = NEW.id AND status = 'pending' RETURNING run_id)
  UPDATE playbook_runs SET ready = true WHERE id IN (SELECT run_id FROM cb) AND status = 'running';
  IF FOUND THEN PERFORM pg_notify('vigil_playbooks', ''); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "action_runs_playbook_callback" AFTER UPDATE OF status ON "action_runs" FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status AND NEW.status IN ('success', 'partial', 'failed', 'cancelled'))
  EXECUTE FUNCTION "vigil_action_run_done"();
