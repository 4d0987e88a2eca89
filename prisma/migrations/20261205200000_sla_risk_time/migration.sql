-- "At risk" on the SLA dashboard counted in the business-hours calendar of each severity, as the
-- at-risk warnings are, and the at-risk share settable per severity (issue 12).
--
-- The dashboard counted "at risk" live as 80% of the wall-clock time from arrival to due time,
-- while the warning (sla_timers.risk_at, migration 20261204400100) counts working time: over a
-- weekend the two disagreed for days. Reading the clock per open container would cost a PL/pgSQL
-- call per row at a million containers, so each container now stores the instant it turns at
-- risk (risk_time), computed with the same function as the warning whenever its due time is set
-- or moved (arrival, pause and resume, severity change), and the dashboard compares it with now()
-- over a partial index. The instant stays after the warning is given (risk_at is cleared then).

-- Share of a severity's SLA from which it is at risk; null: the installation's default
-- (notification_settings.at_risk_percent).
ALTER TABLE "severities" ADD COLUMN "at_risk_percent" INTEGER,
  ADD CONSTRAINT "severities_at_risk_percent" CHECK ("at_risk_percent" BETWEEN 1 AND 99);
-- Same type as due_time (timestamp in UTC).
ALTER TABLE "containers" ADD COLUMN "risk_time" TIMESTAMP(3);

-- The at-risk share of a severity: its own, else the default, else 80%.
CREATE FUNCTION "vigil_risk_share"(sev text) RETURNS float8 LANGUAGE sql STABLE AS $$
  SELECT (coalesce((SELECT at_risk_percent FROM severities WHERE name = sev),
    (SELECT at_risk_percent FROM notification_settings WHERE id = 1), 80) / 100.0)::float8
$$;

-- The instant a clock running since `since`, with `used` of its `budget` already spent, passes
-- `share` of the budget, in calendar cal. The one formula of the warning and the dashboard.
CREATE FUNCTION "vigil_risk_instant"(cal int, since timestamptz, budget bigint, used bigint, share float8) RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT vigil_business_add(cal, since, greatest(0, round(budget * share)::bigint - used))
$$;

-- The warning's instant: the share is that of the clock's container's severity (a clock without
-- a container, the default).
CREATE OR REPLACE FUNCTION "vigil_sla_risk_at"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE sev text;
BEGIN
  IF NEW.state = 'running' AND NEW.risk_notified_at IS NULL AND NEW.budget_ms > 0 AND NEW.running_since IS NOT NULL THEN
    IF NEW.container_id IS NOT NULL THEN SELECT severity INTO sev FROM containers WHERE id = NEW.container_id; END IF;
    NEW.risk_at := vigil_risk_instant(NEW.calendar_id, NEW.running_since, NEW.budget_ms, NEW.used_ms, vigil_risk_share(sev));
  ELSE
    NEW.risk_at := NULL;
  END IF;
  RETURN NEW;
END $$;

-- A container's at-risk instant once it exists. When its due time is the one its running clock
-- set, the clock's calendar, budget and time used give it (the warning's instant, to the
-- millisecond); a due time written by hand counts in wall-clock time from arrival, as such a due
-- time does when a container is created (vigil_container_created).
CREATE FUNCTION "vigil_container_risk_time"(c_id int, sev text, created timestamp, due timestamp) RETURNS timestamp LANGUAGE plpgsql STABLE AS $$
DECLARE t sla_timers%ROWTYPE;
BEGIN
  IF due IS NULL THEN RETURN NULL; END IF;
  SELECT * INTO t FROM sla_timers WHERE object_type = 'container' AND object_id = c_id AND state = 'running';
  IF FOUND AND t.due_at = due AT TIME ZONE 'UTC' THEN
    RETURN vigil_risk_instant(t.calendar_id, t.running_since, t.budget_ms, t.used_ms, vigil_risk_share(sev)) AT TIME ZONE 'UTC';
  END IF;
  RETURN vigil_risk_instant(NULL, created AT TIME ZONE 'UTC',
    greatest(0, (extract(epoch FROM due - created) * 1000)::bigint), 0, vigil_risk_share(sev)) AT TIME ZONE 'UTC';
END $$;

-- A new container: its due time (from the severity when not given) and its at-risk instant,
-- with the calendar and budget its clock will get (vigil_container_created decides them alike).
CREATE OR REPLACE FUNCTION "vigil_container_due"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE m int; cal int; budget bigint;
BEGIN
  SELECT sla_minutes, sla_calendar_id INTO m, cal FROM severities WHERE name = NEW.severity;
  IF NEW.due_time IS NULL THEN
    IF m IS NOT NULL THEN
      NEW.due_time := vigil_business_add(cal, NEW.create_time AT TIME ZONE 'UTC', m::bigint * 60000) AT TIME ZONE 'UTC';
      budget := m::bigint * 60000;
    END IF;
  ELSIF cal IS NOT NULL AND m IS NOT NULL
    AND NEW.due_time = vigil_business_add(cal, NEW.create_time AT TIME ZONE 'UTC', m::bigint * 60000) AT TIME ZONE 'UTC' THEN
    budget := m::bigint * 60000;
  ELSE
    cal := NULL;
    budget := greatest(0, (extract(epoch FROM NEW.due_time - NEW.create_time) * 1000)::bigint);
  END IF;
  NEW.risk_time := CASE WHEN NEW.due_time IS NOT NULL THEN
    vigil_risk_instant(cal, NEW.create_time AT TIME ZONE 'UTC', budget, 0, vigil_risk_share(NEW.severity)) AT TIME ZONE 'UTC' END;
  RETURN NEW;
END $$;

-- A due time moved (by the clock's pause, resume or reopening, a new severity, or by hand): the
-- at-risk instant follows. Named to fire after the BEFORE triggers that move the due time
-- (containers_severity_sla_clock, containers_sla_clock: same-event triggers fire by name).
CREATE FUNCTION "vigil_container_risk"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.risk_time := vigil_container_risk_time(NEW.id, NEW.severity, NEW.create_time, NEW.due_time);
  RETURN NEW;
END $$;
CREATE TRIGGER "containers_sla_risk_time" BEFORE UPDATE ON "containers" FOR EACH ROW
  WHEN (OLD.due_time IS DISTINCT FROM NEW.due_time OR OLD.severity IS DISTINCT FROM NEW.severity OR OLD.create_time IS DISTINCT FROM NEW.create_time)
  EXECUTE FUNCTION "vigil_container_risk"();

-- A new severity with another share: the container's other clocks (tasks, approvals, prompts)
-- take it too. After the update, so the warning's trigger reads the new severity.
CREATE FUNCTION "vigil_container_severity_risk"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF vigil_risk_share(OLD.severity) IS DISTINCT FROM vigil_risk_share(NEW.severity) THEN
    UPDATE sla_timers SET risk_at = NULL WHERE container_id = NEW.id AND state = 'running' AND risk_notified_at IS NULL;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "containers_severity_risk_share" AFTER UPDATE OF severity ON "containers" FOR EACH ROW
  WHEN (OLD.severity IS DISTINCT FROM NEW.severity) EXECUTE FUNCTION "vigil_container_severity_risk"();

-- A share changed (the default: sevs null; or those severities'): running clocks not yet warned
-- and open containers take it. Called by the settings' save (lib/domain/sla-risk-share.ts).
CREATE FUNCTION "vigil_sla_risk_refresh"(sevs text[]) RETURNS int LANGUAGE plpgsql AS $$
DECLARE n int;
BEGIN
  UPDATE sla_timers t SET risk_at = NULL WHERE t.state = 'running' AND t.risk_notified_at IS NULL
    AND (sevs IS NULL OR EXISTS (SELECT 1 FROM containers c WHERE c.id = t.container_id AND c.severity = ANY (sevs)));
  UPDATE containers c SET risk_time = x.r
  FROM (SELECT o.id, vigil_container_risk_time(o.id, o.severity, o.create_time, o.due_time) AS r FROM containers o
    WHERE o.close_time IS NULL AND NOT o.sla_breached AND o.due_time IS NOT NULL AND (sevs IS NULL OR o.severity = ANY (sevs))) x
  WHERE c.id = x.id AND c.risk_time IS DISTINCT FROM x.r;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$;

-- The open containers already there. risk_time is in no rollup, so the rollup's statement
-- trigger (which would carry every updated row in two arrays) stays out of this one backfill.
ALTER TABLE "containers" DISABLE TRIGGER "containers_sla_rollup_update";
UPDATE "containers" SET "risk_time" = vigil_container_risk_time("id", "severity", "create_time", "due_time")
  WHERE "close_time" IS NULL AND NOT "sla_breached" AND "due_time" IS NOT NULL;
ALTER TABLE "containers" ENABLE TRIGGER "containers_sla_rollup_update";

-- "At risk" counted over the open, unbreached containers whose instant has passed; the
-- dashboard's partial indexes carry the instant instead of the due time.
CREATE INDEX "containers_open_risk_idx" ON "containers" ("risk_time")
  INCLUDE ("create_time", "container_type", "severity", "label", "owner_id") WHERE "close_time" IS NULL AND NOT "sla_breached";
DROP INDEX IF EXISTS "containers_open_unbreached_idx";
CREATE INDEX "containers_open_unbreached_idx" ON "containers" ("create_time")
  INCLUDE ("container_type", "severity", "label", "owner_id", "risk_time") WHERE "close_time" IS NULL AND NOT "sla_breached";
DROP INDEX IF EXISTS "containers_owner_open_sla_idx";
CREATE INDEX "containers_owner_open_sla_idx" ON "containers" ("owner_id", "create_time" DESC)
  INCLUDE ("due_time", "sla_breached", "risk_time") WHERE "close_time" IS NULL;
