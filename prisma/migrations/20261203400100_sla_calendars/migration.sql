-- Business-hours calendars: SLA clocks that count only working time. A calendar has weekly
-- hours (in its time zone, so a DST change moves the UTC instants, never the local hours) and
-- holidays (local dates that count nothing). A severity may name one: its containers' response
-- SLA counts in it; each clock (sla_timers.calendar_id) keeps the calendar it started with.
CREATE TABLE "sla_calendars" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL DEFAULT 'UTC',
    -- Seven lists, Monday first, of [start, end) minutes of the local day: [[540, 1020]] is 09:00-17:00.
    "hours" JSONB NOT NULL,
    "holidays" DATE[] NOT NULL DEFAULT '{}',
    "create_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "sla_calendars_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "sla_calendars_name_key" ON "sla_calendars"("name");
ALTER TABLE "severities" ADD COLUMN "sla_calendar_id" INTEGER REFERENCES "sla_calendars"("id") ON DELETE SET NULL;
ALTER TABLE "sla_timers" ADD COLUMN "calendar_id" INTEGER REFERENCES "sla_calendars"("id") ON DELETE SET NULL;

-- Working milliseconds between t0 and t1 in calendar cal (wall-clock milliseconds without one).
-- One pass over the local days between them: linear in the span.
CREATE FUNCTION "vigil_business_ms"(cal int, t0 timestamptz, t1 timestamptz) RETURNS bigint LANGUAGE plpgsql STABLE AS $$
DECLARE c sla_calendars%ROWTYPE; d date; last date; w jsonb; ws timestamptz; we timestamptz; total float8 := 0;
BEGIN
  IF t0 IS NULL OR t1 IS NULL OR t1 <= t0 THEN RETURN 0; END IF;
  IF cal IS NOT NULL THEN SELECT * INTO c FROM sla_calendars WHERE id = cal; END IF;
  IF cal IS NULL OR c.id IS NULL THEN RETURN (extract(epoch FROM t1 - t0) * 1000)::bigint; END IF;
  d := (t0 AT TIME ZONE c.time_zone)::date;
  last := (t1 AT TIME ZONE c.time_zone)::date;
  WHILE d <= last LOOP
    IF NOT d = ANY (c.holidays) THEN
      FOR w IN SELECT * FROM jsonb_array_elements(c.hours -> (extract(isodow FROM d)::int - 1)) LOOP
        ws := (d + make_interval(mins => (w->>0)::int)) AT TIME ZONE c.time_zone;
        we := (d + make_interval(mins => (w->>1)::int)) AT TIME ZONE c.time_zone;
        IF least(we, t1) > greatest(ws, t0) THEN total := total + extract(epoch FROM least(we, t1) - greatest(ws, t0)) * 1000; END IF;
      END LOOP;
    END IF;
    d := d + 1;
  END LOOP;
  RETURN round(total)::bigint;
END $$;

-- The instant at which `ms` working milliseconds from t0 have passed in calendar cal. A calendar
-- with no working time in ten years is refused (the console never saves one).
CREATE FUNCTION "vigil_business_add"(cal int, t0 timestamptz, ms bigint) RETURNS timestamptz LANGUAGE plpgsql STABLE AS $$
DECLARE c sla_calendars%ROWTYPE; d date; w jsonb; ws timestamptz; we timestamptz; left_ms float8 := greatest(ms, 0); avail float8; n int := 0;
BEGIN
  IF cal IS NOT NULL THEN SELECT * INTO c FROM sla_calendars WHERE id = cal; END IF;
  IF cal IS NULL OR c.id IS NULL THEN RETURN t0 + make_interval(secs => greatest(ms, 0) / 1000.0); END IF;
  d := (t0 AT TIME ZONE c.time_zone)::date;
  WHILE n < 3700 LOOP
    IF NOT d = ANY (c.holidays) THEN
      FOR w IN SELECT * FROM jsonb_array_elements(c.hours -> (extract(isodow FROM d)::int - 1)) LOOP
        ws := greatest(t0, (d + make_interval(mins => (w->>0)::int)) AT TIME ZONE c.time_zone);
        we := (d + make_interval(mins => (w->>1)::int)) AT TIME ZONE c.time_zone;
        IF we > ws THEN
          avail := extract(epoch FROM we - ws) * 1000;
          IF left_ms <= avail THEN RETURN ws + make_interval(secs => left_ms / 1000.0); END IF;
          left_ms := left_ms - avail;
        END IF;
      END LOOP;
    END IF;
    d := d + 1;
    n := n + 1;
  END LOOP;
  RAISE EXCEPTION 'SLA calendar % has no working hours in ten years', c.name;
END $$;

-- A container created without a due time gets its severity's response SLA, in working time when
-- the severity names a calendar.
CREATE OR REPLACE FUNCTION "vigil_container_due"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE m int; cal int;
BEGIN
  IF NEW.due_time IS NULL THEN
    SELECT sla_minutes, sla_calendar_id INTO m, cal FROM severities WHERE name = NEW.severity;
    IF m IS NOT NULL THEN
      NEW.due_time := vigil_business_add(cal, NEW.create_time AT TIME ZONE 'UTC', m::bigint * 60000) AT TIME ZONE 'UTC';
    END IF;
  END IF;
  RETURN NEW;
END $$;

-- The response SLA's clock counts in the severity's calendar when the due time is the one the
-- severity gave (a due time the client set counts in wall-clock time from creation).
CREATE OR REPLACE FUNCTION "vigil_container_created"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE cs int[]; ts int[];
BEGIN
  INSERT INTO sla_timers (object_type, object_id, container_id, budget_ms, running_since, due_at, calendar_id)
  SELECT 'container', n.id, n.id,
    CASE WHEN x.calendar_id IS NOT NULL THEN sv.sla_minutes::bigint * 60000
      ELSE greatest(0, (extract(epoch FROM n.due_time - n.create_time) * 1000)::bigint) END,
    n.create_time AT TIME ZONE 'UTC', n.due_time AT TIME ZONE 'UTC', x.calendar_id
  FROM new_rows n LEFT JOIN container_statuses s ON s.name = n.status
    LEFT JOIN severities sv ON sv.name = n.severity
    LEFT JOIN LATERAL (SELECT sv.sla_calendar_id AS calendar_id WHERE sv.sla_calendar_id IS NOT NULL AND sv.sla_minutes IS NOT NULL
      AND n.due_time = vigil_business_add(sv.sla_calendar_id, n.create_time AT TIME ZONE 'UTC', sv.sla_minutes::bigint * 60000) AT TIME ZONE 'UTC') x ON true
  WHERE n.due_time IS NOT NULL AND coalesce(s.status_type, 'new') <> 'closed'
  ON CONFLICT DO NOTHING;
  IF EXISTS (SELECT 1 FROM workbook_templates WHERE is_default OR labels <> '{}') THEN
    SELECT array_agg(n.id), array_agg(t.id) INTO cs, ts
    FROM new_rows n JOIN LATERAL (
      SELECT w.id FROM workbook_templates w WHERE n.label = ANY (w.labels)
      UNION ALL
      SELECT w.id FROM workbook_templates w WHERE w.is_default
        AND NOT EXISTS (SELECT 1 FROM workbook_templates o WHERE n.label = ANY (o.labels))
    ) t ON true;
    IF cs IS NOT NULL THEN PERFORM vigil_apply_workbooks(cs, ts); END IF;
  END IF;
  RETURN NULL;
END $$;

-- Pausing, resuming and closing count the time used in the clock's calendar.
CREATE OR REPLACE FUNCTION "vigil_container_clock"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE stopped boolean; kind text; t sla_timers%ROWTYPE;
BEGIN
  SELECT clock_stopped, status_type INTO stopped, kind FROM container_statuses WHERE name = NEW.status;
  SELECT * INTO t FROM sla_timers WHERE object_type = 'container' AND object_id = NEW.id FOR UPDATE;
  IF NOT FOUND THEN RETURN NEW; END IF;
  IF kind = 'closed' THEN
    IF t.state IN ('running', 'paused') THEN
      UPDATE sla_timers SET state = 'met', due_at = NULL, running_since = NULL,
        used_ms = used_ms + vigil_business_ms(calendar_id, running_since, now())
      WHERE id = t.id;
    END IF;
  ELSIF coalesce(stopped, false) THEN
    IF t.state = 'running' THEN
      UPDATE sla_timers SET state = 'paused', due_at = NULL, running_since = NULL,
        used_ms = used_ms + vigil_business_ms(calendar_id, running_since, now()) WHERE id = t.id;
      NEW.due_time := NULL;
    END IF;
  ELSIF t.state = 'paused' OR (t.state = 'met' AND kind <> 'closed') THEN
    -- Resumed (or reopened): the clock runs on from the time already used.
    UPDATE sla_timers SET state = 'running', running_since = now(),
      due_at = vigil_business_add(calendar_id, now(), greatest(0, budget_ms - used_ms)) WHERE id = t.id
      RETURNING due_at INTO t.due_at;
    NEW.due_time := t.due_at AT TIME ZONE 'UTC';
  END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION "vigil_task_clock"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 1 THEN
    UPDATE sla_timers SET state = 'met', due_at = NULL,
      used_ms = used_ms + vigil_business_ms(calendar_id, running_since, now()), running_since = NULL
    WHERE object_type = 'task' AND object_id = NEW.id AND state = 'running';
  ELSIF OLD.status = 1 THEN
    UPDATE sla_timers SET state = 'running', running_since = now(),
      due_at = vigil_business_add(calendar_id, now(), greatest(0, budget_ms - used_ms))
    WHERE object_type = 'task' AND object_id = NEW.id AND state = 'met';
  END IF;
  RETURN NULL;
END $$;
