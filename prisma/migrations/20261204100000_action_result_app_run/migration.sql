-- The action results a playbook callback receives carry the keys SOAR's app runs carry
-- (soar-rest/Phantom_app_run.json, phantom.get_summary()'s app_runs): app_run_id, asset_id,
-- asset (name), app_id, app (name), action_run_id. SOAR Python playbooks read them (the log4j
-- respond playbooks print app_run_id in their summary note; risk_notable_auto_containment groups
-- by app), so a missing key is a KeyError in the playbook.
CREATE OR REPLACE FUNCTION "vigil_action_run_done"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH cb AS (
    UPDATE playbook_callbacks SET status = 'done', done_time = now(), result = jsonb_build_object(
      'status', NEW.status, 'message', NEW.message, 'action_run_id', NEW.id, 'action', NEW.action, 'name', NEW.name,
      'results', coalesce((SELECT jsonb_agg(jsonb_build_object(
        'status', CASE WHEN r.status = 'success' THEN 'success' ELSE 'failed' END, 'message', r.message,
        'parameter', r.parameter, 'data', r.result_data, 'summary', r.result_summary,
        'app_run_id', r.id, 'action_run_id', NEW.id, 'action', r.action,
        'asset_id', r.asset_id, 'asset', s.name, 'app_id', r.app_id, 'app', a.name, 'app_name', a.name)
        ORDER BY r.id) FROM app_runs r LEFT JOIN assets s ON s.id = r.asset_id LEFT JOIN apps a ON a.id = r.app_id
        WHERE r.action_run_id = NEW.id), '[]'::jsonb))
    WHERE kind = 'action' AND ref_id = NEW.id AND status = 'pending' RETURNING run_id)
  UPDATE playbook_runs SET ready = true WHERE id IN (SELECT run_id FROM cb) AND status = 'running';
  IF FOUND THEN PERFORM pg_notify('vigil_playbooks', ''); END IF;
  RETURN NULL;
END $$;
