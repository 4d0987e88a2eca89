-- Queue indexes measured with EXPLAIN (ANALYZE, BUFFERS) at 1,000,000 containers
-- (docs/benchmarks.md, "Queue query plans at 1M"). Hand-written.

-- A filter on an owner or a label sorted by name walked the whole (name, id) index backwards,
-- discarding rows of other owners/labels: names correlate with both (a label's events share a
-- title pattern), so the first 51 matches lay 100,000-700,000 entries in (0.6 s and 2.3 s).
-- With the filter column first, the page is a range scan of 51 entries.
CREATE INDEX "containers_owner_id_name_id_idx" ON "containers"("owner_id", "name", "id");
CREATE INDEX "containers_label_name_id_idx" ON "containers"("label", "name", "id");

-- The status index lacked the id tie-breaker, so `status = 'new' order by create_time desc,
-- id desc` could not be read in order. Same columns plus id; it replaces the old one.
CREATE INDEX "containers_status_create_time_id_idx" ON "containers"("status", "create_time", "id");
DROP INDEX "containers_status_create_time_idx";

-- (label) alone is the leading column of (label, create_time, id) and (label, name, id), which
-- serve every query it served; dropping it keeps the write cost of ingestion from growing by
-- more than one index in all.
DROP INDEX "containers_label_idx";
