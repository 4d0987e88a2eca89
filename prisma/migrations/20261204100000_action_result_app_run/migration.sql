-- The action results a playbook callback receives, one per parameter set of each app run, as SOAR
-- hands them over (soar-rest/Phantom_app_run.json): an app run's result_data holds SOAR action
-- results ({status, message, parameter, data, summary}) and its result_summary only the totals
-- (total_objects ...). The first version of this trigger passed result_data as `data` and the
-- totals as `summary`, so `<action>:action_result.summary.malicious` and
-- `action_result.data.*.<field>` read the wrong level. An app run that ended with no result
-- (cancelled before it ran) gives one result from the run's own status and message.
-- Each result also carries the keys SOAR's app runs carry and Python playbooks read: app_run_id,
-- asset_id, asset (name), app_id, app (name), action_run_id (the log4j respond playbooks print
-- app_run_id in their note; risk_notable_auto_containment groups by app).
CREATE OR REPLACE FUNCTION "vigil_action_run_done"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH cb AS (
    UPDATE playbook_callbacks SET status = 'done', done_time = now(), result = jsonb_build_object(
      'status', NEW.status, 'message', NEW.message, 'action_run_id', NEW.id, 'action', NEW.action, 'name', NEW.name,
      'results', coalesce((SELECT jsonb_agg(jsonb_build_object(
        'status', CASE WHEN coalesce(e.value->>'status', r.status) = 'success' THEN 'success' ELSE 'failed' END,
        'message', coalesce(e.value->>'message', r.message),
        'parameter', coalesce(e.value->'parameter', r.parameter), 'data', coalesce(e.value->'data', '[]'::jsonb),
        'summary', coalesce(e.value->'summary', '{}'::jsonb),
        'app_run_id', r.id, 'action_run_id', NEW.id, 'action', r.action,
        'asset_id', r.asset_id, 'asset', s.name, 'app_id', r.app_id, 'app', a.name, 'app_name', a.name)
        ORDER BY r.id, e.ord)
        FROM app_runs r
        LEFT JOIN assets s ON s.id = r.asset_id LEFT JOIN apps a ON a.id = r.app_id
        LEFT JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(r.result_data) = 'array' AND jsonb_array_length(r.result_data) > 0
          THEN r.result_data ELSE '[null]'::jsonb END) WITH ORDINALITY AS e(value, ord) ON true
        WHERE r.action_run_id = NEW.id), '[]'::jsonb))
    WHERE kind = 'action' AND ref_id = NEW.id AND status = 'pending' RETURNING run_id)
  UPDATE playbook_runs SET ready = true WHERE id IN (SELECT run_id FROM cb) AND status = 'running';
  IF FOUND THEN PERFORM pg_notify('vigil_playbooks', ''); END IF;
  RETURN NULL;
END $$;
