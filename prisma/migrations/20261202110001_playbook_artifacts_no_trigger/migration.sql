-- An artifact a playbook adds (SOAR's add_artifact, run_automation false) starts no playbooks:
-- the engine sets vigil.playbook_effect for that insert, and the trigger skips it. Otherwise a
-- playbook adding artifacts on a label it runs on would start itself again without end.
CREATE OR REPLACE FUNCTION "vigil_playbook_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM playbooks WHERE active) THEN RETURN NULL; END IF;
  IF TG_TABLE_NAME = 'containers' THEN
    INSERT INTO playbook_triggers (container_id, reason) SELECT id, 'created' FROM new_rows ON CONFLICT DO NOTHING;
  ELSE
    IF coalesce(current_setting('vigil.playbook_effect', true), '') = 'on' THEN RETURN NULL; END IF;
    INSERT INTO playbook_triggers (container_id, reason) SELECT DISTINCT container_id, 'artifacts' FROM new_rows ON CONFLICT DO NOTHING;
  END IF;
  PERFORM pg_notify('vigil_playbooks', '');
  RETURN NULL;
END $$;
