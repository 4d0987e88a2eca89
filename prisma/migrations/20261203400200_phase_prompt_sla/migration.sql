-- Durable SLA clocks for workbook phases and playbook prompts (tasks, approvals and containers
-- had theirs), a breached mark on phases and approvals, and a container's response SLA that
-- follows its severity when the severity changes.
ALTER TABLE "workbook_phases" ADD COLUMN "sla_breached" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "approvals" ADD COLUMN "sla_breached" BOOLEAN NOT NULL DEFAULT false;

-- Applying a workbook now also starts each phase's clock (same statement as the tasks').
CREATE OR REPLACE FUNCTION "vigil_apply_workbooks"(p_containers int[], p_templates int[]) RETURNS int LANGUAGE plpgsql AS $$
DECLARE n int;
BEGIN
  WITH picks AS (
    SELECT * FROM unnest(p_containers, p_templates) AS x(container_id, template_id)
  ), phases AS (
    INSERT INTO workbook_phases (container_id, template_id, phase_template_id, name, "order", sla, due_time, modified_time)
    SELECT p.container_id, p.template_id, pt.id, pt.name,
      pt."order" + coalesce((SELECT max("order") FROM workbook_phases e WHERE e.container_id = p.container_id), 0),
      pt.sla, CASE WHEN pt.sla IS NOT NULL THEN now() + make_interval(mins => pt.sla) END, now()
    FROM picks p JOIN workbook_phase_templates pt ON pt.template_id = p.template_id
    RETURNING id, container_id, phase_template_id, sla, due_time
  ), tasks AS (
    INSERT INTO workbook_tasks (container_id, phase_id, name, description, "order", owner_id, role, is_note_required, sla, due_time, suggestions, modified_time)
    SELECT ph.container_id, ph.id, tt.name, tt.description, tt."order", tt.owner_id, tt.role,
      tt.is_note_required OR t.is_note_required, tt.sla,
      CASE WHEN tt.sla IS NOT NULL THEN now() + make_interval(mins => tt.sla) END, tt.suggestions, now()
    FROM phases ph JOIN workbook_task_templates tt ON tt.phase_template_id = ph.phase_template_id
      JOIN workbook_phase_templates pt ON pt.id = ph.phase_template_id JOIN workbook_templates t ON t.id = pt.template_id
    RETURNING id, container_id, sla, due_time
  ), timers AS (
    INSERT INTO sla_timers (object_type, object_id, container_id, budget_ms, running_since, due_at)
    SELECT 'task', id, container_id, sla::bigint * 60000, now(), due_time FROM tasks WHERE sla IS NOT NULL
    UNION ALL
    SELECT 'phase', id, container_id, sla::bigint * 60000, now(), due_time FROM phases WHERE sla IS NOT NULL
    RETURNING 1
  )
  SELECT count(*) INTO n FROM tasks;
  RETURN n;
END $$;

-- A task completed stops its clock as met; reopened, it runs on. Its phase's clock is met when
-- the phase's last open task is completed, and runs on when one is reopened.
CREATE OR REPLACE FUNCTION "vigil_task_clock"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 1 THEN
    UPDATE sla_timers SET state = 'met', due_at = NULL,
      used_ms = used_ms + vigil_business_ms(calendar_id, running_since, now()), running_since = NULL
    WHERE object_type = 'task' AND object_id = NEW.id AND state = 'running';
    IF NOT EXISTS (SELECT 1 FROM workbook_tasks WHERE phase_id = NEW.phase_id AND status <> 1) THEN
      UPDATE sla_timers SET state = 'met', due_at = NULL,
        used_ms = used_ms + vigil_business_ms(calendar_id, running_since, now()), running_since = NULL
      WHERE object_type = 'phase' AND object_id = NEW.phase_id AND state = 'running';
    END IF;
  ELSIF OLD.status = 1 THEN
    UPDATE sla_timers SET state = 'running', running_since = now(),
      due_at = vigil_business_add(calendar_id, now(), greatest(0, budget_ms - used_ms))
    WHERE ((object_type = 'task' AND object_id = NEW.id) OR (object_type = 'phase' AND object_id = NEW.phase_id)) AND state = 'met';
  END IF;
  RETURN NULL;
END $$;

-- A prompt's clock runs from its creation to its respond-by time. Answered (or denied) in time it
-- is met; a prompt that timed out keeps its clock running, so the SLA worker fires its breach
-- (notifying whoever it was for and their managers) just as for every other clock.
CREATE FUNCTION "vigil_prompt_clock"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.due IS NOT NULL THEN
      INSERT INTO sla_timers (object_type, object_id, container_id, budget_ms, running_since, due_at)
      SELECT 'prompt', NEW.id, r.container_id,
        -- The respond-by minutes the playbook gave (its due time was reckoned by the engine's clock).
        coalesce(round((NEW.detail->>'responseTime')::numeric * 60000)::bigint, greatest(0, (extract(epoch FROM NEW.due - NEW.create_time) * 1000)::bigint)),
        NEW.create_time, NEW.due
      FROM playbook_runs r WHERE r.id = NEW.run_id
      ON CONFLICT DO NOTHING;
    END IF;
  ELSIF NEW.status <> 'pending' AND coalesce(NEW.result->>'message', '') <> 'the prompt timed out' THEN
    UPDATE sla_timers SET state = 'met', due_at = NULL,
      used_ms = used_ms + vigil_business_ms(calendar_id, running_since, now()), running_since = NULL
    WHERE object_type = 'prompt' AND object_id = NEW.id AND state = 'running';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "playbook_callbacks_prompt_clock" AFTER INSERT ON "playbook_callbacks" FOR EACH ROW
  WHEN (NEW.kind = 'prompt') EXECUTE FUNCTION "vigil_prompt_clock"();
CREATE TRIGGER "playbook_callbacks_prompt_answered" AFTER UPDATE OF status ON "playbook_callbacks" FOR EACH ROW
  WHEN (NEW.kind = 'prompt' AND OLD.status = 'pending' AND NEW.status <> 'pending') EXECUTE FUNCTION "vigil_prompt_clock"();

-- A new severity gives a container's response SLA its minutes (and calendar): the clock keeps
-- the working time already used and is due when the new budget is spent. A breached clock stays
-- breached (the breach happened); a severity without an SLA leaves the clock as it was.
CREATE FUNCTION "vigil_container_severity_clock"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE m int; cal int; kind text; t sla_timers%ROWTYPE; used bigint;
BEGIN
  SELECT sla_minutes, sla_calendar_id INTO m, cal FROM severities WHERE name = NEW.severity;
  IF m IS NULL THEN RETURN NEW; END IF;
  SELECT status_type INTO kind FROM container_statuses WHERE name = NEW.status;
  SELECT * INTO t FROM sla_timers WHERE object_type = 'container' AND object_id = NEW.id FOR UPDATE;
  IF NOT FOUND THEN
    IF coalesce(kind, 'new') = 'closed' THEN RETURN NEW; END IF;
    INSERT INTO sla_timers (object_type, object_id, container_id, budget_ms, running_since, due_at, calendar_id)
    VALUES ('container', NEW.id, NEW.id, m::bigint * 60000, NEW.create_time AT TIME ZONE 'UTC',
      vigil_business_add(cal, NEW.create_time AT TIME ZONE 'UTC', m::bigint * 60000), cal)
    RETURNING * INTO t;
    NEW.due_time := t.due_at AT TIME ZONE 'UTC';
  ELSIF t.state = 'running' THEN
    used := t.used_ms + vigil_business_ms(t.calendar_id, t.running_since, now());
    UPDATE sla_timers SET budget_ms = m::bigint * 60000, calendar_id = cal, used_ms = used, running_since = now(),
      due_at = vigil_business_add(cal, now(), greatest(0, m::bigint * 60000 - used)) WHERE id = t.id
      RETURNING due_at INTO t.due_at;
    NEW.due_time := t.due_at AT TIME ZONE 'UTC';
  ELSIF t.state = 'paused' THEN
    UPDATE sla_timers SET budget_ms = m::bigint * 60000, calendar_id = cal WHERE id = t.id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "containers_severity_sla_clock" BEFORE UPDATE OF severity ON "containers" FOR EACH ROW
  WHEN (OLD.severity IS DISTINCT FROM NEW.severity) EXECUTE FUNCTION "vigil_container_severity_clock"();
