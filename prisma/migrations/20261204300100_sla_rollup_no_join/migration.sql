-- The SLA rollup's triggers (migration 20261204300000_sla_dashboard) without the join of old to
-- new rows that its first version used for updates: that join's plan, cached from one-row
-- updates, made a 13,000-row update run for minutes. The triggers keep their names; the
-- one-array helper they called is replaced by one taking the added and the removed rows.
-- Adds the rollup deltas of a statement: rows added count +1, rows removed -1, summed per key;
-- keys whose deltas cancel out (an update that changed no rollup column: most updates, of
-- artifact counts, update times, names) write nothing. The triggers pass their transition tables'
-- rows as arrays (a function cannot see them); no join of old to new rows, whose plan, cached
-- from one-row updates, turned a 13,000-row update quadratic. The statement is static PL/pgSQL,
-- planned once per session: a dynamic EXECUTE made a one-row INSERT take twice as long.
CREATE OR REPLACE FUNCTION "vigil_sla_rollup_add"(added containers[], removed containers[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sla_rollup
  SELECT * FROM (
    SELECT r.create_time::date, r.container_type, r.severity, r.label, r.owner_id, sum(s) AS events,
      coalesce(sum(s) FILTER (WHERE r.sla_breached), 0) AS breached,
      coalesce(sum(s) FILTER (WHERE NOT r.sla_breached AND r.close_time IS NOT NULL), 0) AS met,
      coalesce(sum(s) FILTER (WHERE NOT r.sla_breached AND r.close_time IS NULL), 0) AS open,
      coalesce(sum(s * extract(epoch FROM r.open_time - r.create_time)), 0) AS tta_sum, coalesce(sum(s) FILTER (WHERE r.open_time IS NOT NULL), 0) AS tta_n,
      coalesce(sum(s * extract(epoch FROM r.close_time - r.create_time)), 0) AS ttr_sum, coalesce(sum(s) FILTER (WHERE r.close_time IS NOT NULL), 0) AS ttr_n
    FROM (SELECT 1 AS s, * FROM unnest(added) UNION ALL SELECT -1, * FROM unnest(removed)) r
    GROUP BY 1, 2, 3, 4, 5
  ) d WHERE (events, breached, met, open, tta_n, ttr_n, tta_sum, ttr_sum) <> (0, 0, 0, 0, 0, 0, 0, 0);
END $$;

CREATE OR REPLACE FUNCTION "vigil_sla_rollup_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM vigil_sla_rollup_add((SELECT array_agg(n::containers) FROM new_rows n), '{}');
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION "vigil_sla_rollup_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM vigil_sla_rollup_add('{}', (SELECT array_agg(o::containers) FROM old_rows o));
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION "vigil_sla_rollup_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM vigil_sla_rollup_add((SELECT array_agg(n::containers) FROM new_rows n), (SELECT array_agg(o::containers) FROM old_rows o));
  RETURN NULL;
END $$;

DROP FUNCTION IF EXISTS "vigil_sla_rollup_add"(containers[], int);
