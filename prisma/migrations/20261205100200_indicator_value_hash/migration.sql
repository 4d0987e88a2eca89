-- SOAR clients look indicators up by value_hash, the SHA-256 of the value (find_related_containers:
-- `/rest/indicator?_filter_value_hash__in=[...]`); Vigil answers value_hash computed from the value
-- (lib/rest/shapes.ts). An index on that expression serves the lookup. convert_to() is only STABLE
-- in PostgreSQL (it depends on the database encoding, which for Vigil's database is always UTF8 and
-- never changes), so the expression is wrapped in a function declared IMMUTABLE for the index.
CREATE FUNCTION "vigil_sha256_hex"(value TEXT) RETURNS TEXT
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT encode(sha256(convert_to(value, 'UTF8')), 'hex') $$;
CREATE INDEX "indicators_value_hash_idx" ON "indicators" ("vigil_sha256_hex"("value"));
