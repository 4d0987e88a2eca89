-- The manager's SLA dashboard (lib/domain/sla-figures.ts) at a million containers. Hand-written:
-- Prisma's schema language cannot express statement triggers, covering or partial indexes.
--
-- Counting breached / met / open containers of a 30- or 90-day period by severity, label and
-- owner means reading 300,000 to 1,000,000 rows at a million containers (150 ms per 110,000
-- rows on an idle machine, docs/benchmarks.md), over the 300 ms budget. So the counts are kept
-- as they change: sla_rollup holds signed deltas per (day of arrival, type, severity, label,
-- owner), written by statement triggers on containers from their transition tables (one
-- aggregated insert per statement, never an update of a shared row, so concurrent ingestion
-- never waits on a counter's row lock). Reading a period sums its deltas; the worker folds them
-- into one row per key now and then (vigil_sla_rollup_compact). Only what does not change with
-- the clock is kept: breached, met, open (neither), times to acknowledge and resolve. "At risk"
-- depends on now(), so it is counted live over the open, unbreached containers (a partial
-- index below: the current backlog, not the history).
CREATE TABLE "sla_rollup" (
    "day" DATE NOT NULL,
    "container_type" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "owner_id" INTEGER,
    "events" BIGINT NOT NULL,
    "breached" BIGINT NOT NULL,
    "met" BIGINT NOT NULL,
    "open" BIGINT NOT NULL,
    -- Seconds from arrival to first opened (tta) and to closed (ttr), summed, and how many.
    "tta_sum" FLOAT8 NOT NULL,
    "tta_n" BIGINT NOT NULL,
    "ttr_sum" FLOAT8 NOT NULL,
    "ttr_n" BIGINT NOT NULL
);
CREATE INDEX "sla_rollup_day_idx" ON "sla_rollup" ("day");

-- Adds the rollup deltas of a set of containers, each counted with sign s: +1 added, -1
-- removed. The triggers pass their transition tables' rows as an array (a function cannot see
-- them), and the statement is static PL/pgSQL, so its plan is cached per session: a dynamic
-- EXECUTE made a one-row INSERT of a container take twice as long.
CREATE FUNCTION "vigil_sla_rollup_add"(rows containers[], s int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sla_rollup
  SELECT r.create_time::date, r.container_type, r.severity, r.label, r.owner_id, s * count(*),
    s * count(*) FILTER (WHERE r.sla_breached), s * count(*) FILTER (WHERE NOT r.sla_breached AND r.close_time IS NOT NULL),
    s * count(*) FILTER (WHERE NOT r.sla_breached AND r.close_time IS NULL),
    s * coalesce(sum(extract(epoch FROM r.open_time - r.create_time)), 0), s * count(r.open_time),
    s * coalesce(sum(extract(epoch FROM r.close_time - r.create_time)), 0), s * count(r.close_time)
  FROM unnest(rows) r GROUP BY 1, 2, 3, 4, 5;
END $$;

CREATE FUNCTION "vigil_sla_rollup_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM vigil_sla_rollup_add(array_agg(n::containers), 1) FROM new_rows n;
  RETURN NULL;
END $$;

CREATE FUNCTION "vigil_sla_rollup_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM vigil_sla_rollup_add(array_agg(o::containers), -1) FROM old_rows o;
  RETURN NULL;
END $$;

-- An update counts only the rows whose rollup columns changed: the old row out, the new one in.
-- Most updates of containers (artifact counts, update times, names) change none and add nothing.
CREATE FUNCTION "vigil_sla_rollup_update"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE gone containers[]; came containers[];
BEGIN
  SELECT array_agg(o::containers), array_agg(n::containers) INTO gone, came FROM old_rows o JOIN new_rows n ON n.id = o.id
  WHERE (o.create_time, o.container_type, o.severity, o.label, o.owner_id, o.sla_breached, o.open_time, o.close_time)
    IS DISTINCT FROM (n.create_time, n.container_type, n.severity, n.label, n.owner_id, n.sla_breached, n.open_time, n.close_time);
  IF gone IS NOT NULL THEN
    PERFORM vigil_sla_rollup_add(gone, -1);
    PERFORM vigil_sla_rollup_add(came, 1);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "containers_sla_rollup_insert" AFTER INSERT ON "containers" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "vigil_sla_rollup_insert"();
CREATE TRIGGER "containers_sla_rollup_update" AFTER UPDATE ON "containers" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "vigil_sla_rollup_update"();
CREATE TRIGGER "containers_sla_rollup_delete" AFTER DELETE ON "containers" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "vigil_sla_rollup_delete"();

-- Emptying containers empties the counts.
CREATE FUNCTION "vigil_sla_rollup_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM sla_rollup;
  RETURN NULL;
END $$;
CREATE TRIGGER "containers_sla_rollup_truncate" AFTER TRUNCATE ON "containers"
  FOR EACH STATEMENT EXECUTE FUNCTION "vigil_sla_rollup_truncate"();

-- Folds the deltas into one row per key (dropping keys that sum to nothing). Deltas written
-- while it runs are not in its snapshot and stay for the next fold; the advisory lock keeps two
-- workers from folding at once. Returns the rows left, or -1 when another fold is running.
CREATE FUNCTION "vigil_sla_rollup_compact"() RETURNS int LANGUAGE plpgsql AS $$
DECLARE n int;
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('vigil_sla_rollup_compact')) THEN RETURN -1; END IF;
  WITH d AS (DELETE FROM sla_rollup RETURNING *), s AS (
    INSERT INTO sla_rollup
    SELECT day, container_type, severity, label, owner_id, sum(events), sum(breached), sum(met), sum(open),
      sum(tta_sum), sum(tta_n), sum(ttr_sum), sum(ttr_n)
    FROM d GROUP BY 1, 2, 3, 4, 5 HAVING sum(events) <> 0
    RETURNING 1)
  SELECT count(*) INTO n FROM s;
  RETURN n;
END $$;

-- The containers already there, once, 20,000 at a time (each batch an array in memory).
SELECT vigil_sla_rollup_add(array_agg(c), 1) FROM containers c GROUP BY c.id / 20000;
SELECT vigil_sla_rollup_compact();

-- "At risk" and "on track", counted live: the open containers not (yet) breached, by arrival.
CREATE INDEX "containers_open_unbreached_idx" ON "containers" ("create_time")
  INCLUDE ("container_type", "severity", "label", "owner_id", "due_time") WHERE "close_time" IS NULL AND NOT "sla_breached";

-- Workload per analyst reads only the open containers: their owner, due time and breach flag,
-- index-only. It replaces "my queue"'s partial index (same keys plus the included columns).
CREATE INDEX "containers_owner_open_sla_idx" ON "containers" ("owner_id", "create_time" DESC)
  INCLUDE ("due_time", "sla_breached") WHERE "close_time" IS NULL;
DROP INDEX IF EXISTS "containers_owner_open_idx";

-- The queue's "SLA breached" drill-down, newest first: a walk of the breached containers only.
CREATE INDEX "containers_sla_breached_idx" ON "containers" ("create_time" DESC, "id" DESC) WHERE "sla_breached";

-- The longest overdue open events: the breached ones still open, by due time.
CREATE INDEX "containers_open_breached_due_idx" ON "containers" ("due_time", "id") WHERE "sla_breached" AND "close_time" IS NULL;

-- Open and overdue workbook tasks per owner.
CREATE INDEX "workbook_tasks_open_owner_idx" ON "workbook_tasks" ("owner_id") INCLUDE ("due_time", "sla_breached") WHERE "status" <> 1;

-- Approvals waiting, oldest first.
CREATE INDEX "approvals_pending_age_idx" ON "approvals" ("create_time") INCLUDE ("sla_breached", "due_at", "container_id") WHERE "status" = 'pending';
