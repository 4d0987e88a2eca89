-- `_filter_name__iexact=` on containers (issue 14): lib/domain/list-filters.ts writes it as
-- `lower(name) = lower(value)` for fields marked `lower`, which this btree serves in well under a
-- millisecond. Through the trigram index a long name took 187 ms at 1,000,000 containers: its
-- trigrams ("mal", "war", "wor", ...) are each in a sixth of the rows.
CREATE INDEX "containers_name_lower_idx" ON "containers" (lower("name"));
