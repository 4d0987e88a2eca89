-- Business-hours calendars for the clocks of the work on a container: its workbook phases and
-- tasks (and, in lib/domain/sla-timers.ts, its approvals) count in the calendar of the
-- container's severity, as its response SLA does, so a task due in 60 minutes of a container
-- that counts office hours is due 60 office minutes later. Each clock keeps the calendar it
-- started with. Prompts keep wall-clock time: their respond-by time is also when the playbook
-- stops waiting, and an SLA that breached at another time would tell people the wrong thing.
CREATE OR REPLACE FUNCTION "vigil_apply_workbooks"(p_containers int[], p_templates int[]) RETURNS int LANGUAGE plpgsql AS $$
DECLARE n int;
BEGIN
  WITH picks AS (
    SELECT x.container_id, x.template_id, sv.sla_calendar_id AS cal
    FROM unnest(p_containers, p_templates) AS x(container_id, template_id)
      LEFT JOIN containers c ON c.id = x.container_id LEFT JOIN severities sv ON sv.name = c.severity
  ), phases AS (
    INSERT INTO workbook_phases (container_id, template_id, phase_template_id, name, "order", sla, due_time, modified_time)
    SELECT p.container_id, p.template_id, pt.id, pt.name,
      pt."order" + coalesce((SELECT max("order") FROM workbook_phases e WHERE e.container_id = p.container_id), 0),
      pt.sla, CASE WHEN pt.sla IS NOT NULL THEN vigil_business_add(p.cal, now(), pt.sla::bigint * 60000) END, now()
    FROM picks p JOIN workbook_phase_templates pt ON pt.template_id = p.template_id
    RETURNING id, container_id, phase_template_id, sla, due_time
  ), tasks AS (
    INSERT INTO workbook_tasks (container_id, phase_id, name, description, "order", owner_id, role, is_note_required, sla, due_time, suggestions, modified_time)
    SELECT ph.container_id, ph.id, tt.name, tt.description, tt."order", tt.owner_id, tt.role,
      tt.is_note_required OR t.is_note_required, tt.sla,
      CASE WHEN tt.sla IS NOT NULL THEN vigil_business_add((SELECT p.cal FROM picks p WHERE p.container_id = ph.container_id LIMIT 1), now(), tt.sla::bigint * 60000) END,
      tt.suggestions, now()
    FROM phases ph JOIN workbook_task_templates tt ON tt.phase_template_id = ph.phase_template_id
      JOIN workbook_phase_templates pt ON pt.id = ph.phase_template_id JOIN workbook_templates t ON t.id = pt.template_id
    RETURNING id, container_id, sla, due_time
  ), timers AS (
    INSERT INTO sla_timers (object_type, object_id, container_id, budget_ms, running_since, due_at, calendar_id)
    SELECT 'task', k.id, k.container_id, k.sla::bigint * 60000, now(), k.due_time, (SELECT p.cal FROM picks p WHERE p.container_id = k.container_id LIMIT 1)
    FROM tasks k WHERE k.sla IS NOT NULL
    UNION ALL
    SELECT 'phase', ph.id, ph.container_id, ph.sla::bigint * 60000, now(), ph.due_time, (SELECT p.cal FROM picks p WHERE p.container_id = ph.container_id LIMIT 1)
    FROM phases ph WHERE ph.sla IS NOT NULL
    RETURNING 1
  )
  SELECT count(*) INTO n FROM tasks;
  RETURN n;
END $$;
