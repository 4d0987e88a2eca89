-- REST list filters at 1,000,000 containers (issue 14). Hand-written: Prisma's schema language
-- cannot express these (a future `prisma migrate dev` diff will propose dropping them: keep
-- them). lib/domain/list-filters.ts writes the conditions these serve; its expressions must
-- match the indexed ones exactly, or the planner cannot use them.

-- CEF equality and `in` (`_filter_cef__sourceAddress="10.0.0.1"`): containment of
-- {"sourceAddress": "10.0.0.1"} in cef. jsonb_path_ops indexes only value paths (no key
-- existence), which is all containment needs, at a third of the default opclass's size.
CREATE INDEX "artifacts_cef_path_idx" ON "artifacts" USING gin ("cef" jsonb_path_ops);

-- Indicator counts (`_filter_count__gt=5`) and first seen; last_seen has its index already.
CREATE INDEX "indicators_count_idx" ON "indicators" ("count");
CREATE INDEX "indicators_first_seen_idx" ON "indicators" ("first_seen");

-- Substring, prefix and case-insensitive lookups (icontains, startswith, iexact, ...) on
-- artifact names and on any CEF field: trigram indexes, when pg_trgm is available (the embedded
-- PostgreSQL ships it). One index on the whole CEF document as text serves every field, custom
-- ones included: a field's value, JSON-escaped as it appears in that text, is a substring of it,
-- so the index narrows the rows and the exact per-field condition decides (see
-- lib/domain/list-filters.ts). An external PostgreSQL without contrib still migrates; those
-- lookups then scan, and the statement timeout guards them.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
  CREATE INDEX "artifacts_cef_trgm_idx" ON "artifacts" USING gin (("cef"::text) gin_trgm_ops);
  CREATE INDEX "artifacts_name_trgm_idx" ON "artifacts" USING gin ("name" gin_trgm_ops);
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'pg_trgm is not available: artifact substring filters will scan';
END;
$$;

-- The console queue's combined filters (status + severity + label, and any owner and type):
-- one range of this index, read in creation order (the queue's default sort), instead of a
-- BitmapAnd of three single-column indexes that each match 15-90 % of a million containers.
-- The INCLUDE columns let the queue's capped count run as an index-only scan with the owner and
-- type filters checked in the index. Other sorts read the same (small) range and sort it.
CREATE INDEX "containers_queue_filters_idx" ON "containers" ("status", "severity", "label", "create_time", "id")
  INCLUDE ("container_type", "owner_id");
