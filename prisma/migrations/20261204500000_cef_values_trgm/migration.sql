-- CEF substring lookups (`_filter_cef__requestURL__icontains=...`, issue 14) read a trigram index
-- of the CEF's top-level values instead of the whole document as text. Every artifact repeats its
-- keys ("sourceAddress", "requestURL", ...), so the old index on `cef::text` held posting lists
-- of millions of rows for the keys' trigrams, took 2.3x as long to build (3,000,000 artifacts:
-- 702 s of a 52-minute `seed:scale` on a loaded machine) and was 1.4x the size. Hand-written,
-- like 20261202170000_list_indexes; lib/domain/list-filters.ts (cefValuesText) writes the same
-- expression, which must match this one exactly for the planner to use the index.
DO $$
BEGIN
  CREATE INDEX "artifacts_cef_values_trgm_idx" ON "artifacts"
    USING gin (((jsonb_path_query_array("cef", '$.*'))::text) gin_trgm_ops);
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'pg_trgm is not available: artifact CEF substring filters will scan';
END;
$$;
DROP INDEX IF EXISTS "artifacts_cef_trgm_idx";
