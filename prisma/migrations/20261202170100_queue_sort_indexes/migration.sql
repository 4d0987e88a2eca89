-- The console queue's combined filters (status + severity + label) with each of its other sorts
-- read in index order (issue 14). With only the creation-time index of migration
-- 20261202170000_list_indexes, `order by update_time desc` walked the whole update_time index
-- backwards and fetched every container it passed to test the three filters: 2,700 heap
-- fetches for 51 rows, 475 ms at 1,000,000 containers on a loaded machine. Here each sort has
-- the equality columns first, so a page is a range scan of `limit` entries. The severity sort
-- reads one (status, severity, label, create_time, id) range per severity already.
CREATE INDEX "containers_queue_filters_update_idx" ON "containers" ("status", "severity", "label", "update_time", "id");
CREATE INDEX "containers_queue_filters_name_idx" ON "containers" ("status", "severity", "label", "name", "id");
CREATE INDEX "containers_queue_filters_id_idx" ON "containers" ("status", "severity", "label", "id");
-- The expression must match lib/domain/events-queue.ts's due_time sort exactly.
CREATE INDEX "containers_queue_filters_due_idx" ON "containers" ("status", "severity", "label", (coalesce("due_time", 'infinity'::timestamp)), "id");
