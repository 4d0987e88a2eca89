-- Global search and the Home dashboard (issue 4, part B). Hand-written: Prisma's schema
-- language cannot express expression or partial indexes, so these live only here (a future
-- `prisma migrate dev` diff will propose dropping them: keep them).

-- Full-text search uses the 'simple' configuration (no stemming, no stop words): analysts
-- search for host names, hashes, user names and words from alert titles, where English
-- stemming would only surprise. The expressions here must match lib/domain/search.ts exactly,
-- or the planner cannot use the indexes.
CREATE INDEX "containers_search_idx" ON "containers"
  USING gin (to_tsvector('simple'::regconfig, "name" || ' ' || "description"));

-- Artifact names and every string or number in their CEF (addresses, URLs, hashes, ...).
CREATE INDEX "artifacts_search_idx" ON "artifacts"
  USING gin ((to_tsvector('simple'::regconfig, "name") || jsonb_to_tsvector('simple'::regconfig, "cef", '["string", "numeric"]')));

CREATE INDEX "notes_search_idx" ON "notes"
  USING gin (to_tsvector('simple'::regconfig, "title" || ' ' || "content"));

-- Indicator values (IPs, hashes, URLs) are matched whole through the unique btree on "value",
-- or by prefix through the trigram index of migration 20261123100000: nothing to add for them.

-- Home dashboard: open events by severity and status is an index-only count over the open
-- containers (close_time is null exactly when the status is not of the closed type).
CREATE INDEX "containers_open_summary_idx" ON "containers" ("container_type", "severity", "status")
  WHERE "close_time" IS NULL;

-- Events over time and the time-to-acknowledge/resolve figures read the containers of a time
-- window; covering the columns they need makes that an index-only scan.
CREATE INDEX "containers_dashboard_idx" ON "containers" ("create_time")
  INCLUDE ("container_type", "severity", "open_time", "close_time");

-- "My queue": a user's open containers, newest first, and how many there are.
CREATE INDEX "containers_owner_open_idx" ON "containers" ("owner_id", "create_time" DESC)
  WHERE "close_time" IS NULL;

-- Time to acknowledge reads the status and owner changes of the last 30 days from the audit
-- trail; this partial index holds only those rows, not creations, notes or artifacts.
CREATE INDEX "audit_log_ack_idx" ON "audit_log" ("at", "container_id")
  WHERE "action" IN ('container.status', 'container.update');

-- The indicator list filters by type; a rare type would otherwise walk the whole last_seen index.
CREATE INDEX "indicators_types_idx" ON "indicators" USING gin ("types");
