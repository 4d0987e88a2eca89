-- SOAR's run_automation: a container or artifact saved with run_automation false starts no
-- playbooks. Artifacts already store the flag (the application resolves "unset" to true for the
-- last artifact of a request, false for the others); containers get it here (unset: true; with
-- artifacts: whether one of them runs automation). Adding a column with a constant default
-- rewrites nothing.
ALTER TABLE "containers" ADD COLUMN "run_automation" BOOLEAN NOT NULL DEFAULT true;

CREATE OR REPLACE FUNCTION "vigil_playbook_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM playbooks WHERE active) THEN RETURN NULL; END IF;
  IF TG_TABLE_NAME = 'containers' THEN
    INSERT INTO playbook_triggers (container_id, reason) SELECT id, 'created' FROM new_rows WHERE run_automation ON CONFLICT DO NOTHING;
  ELSE
    -- A playbook's own artifact (the engine sets vigil.playbook_effect) never starts playbooks.
    IF coalesce(current_setting('vigil.playbook_effect', true), '') = 'on' THEN RETURN NULL; END IF;
    INSERT INTO playbook_triggers (container_id, reason) SELECT DISTINCT container_id, 'artifacts' FROM new_rows WHERE run_automation ON CONFLICT DO NOTHING;
  END IF;
  IF FOUND THEN PERFORM pg_notify('vigil_playbooks', ''); END IF;
  RETURN NULL;
END $$;
