-- A closed case (or event) records its resolution and who closed it as fields, shown on the case
-- and in the cases list; before, the reason lived only in a comment.
ALTER TABLE "containers" ADD COLUMN "resolution" TEXT;
ALTER TABLE "containers" ADD COLUMN "closed_by_id" INTEGER;
ALTER TABLE "containers" ADD CONSTRAINT "containers_closed_by_id_fkey" FOREIGN KEY ("closed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The events queue sorts by due time (no due time last) by keyset: this expression index lets a
-- page be a range scan instead of a sort of every container. Prisma's schema cannot express
-- it, like the search indexes of 20261123210000_search.
CREATE INDEX "containers_due_sort_idx" ON "containers" ((coalesce("due_time", 'infinity'::timestamp)), "id");

-- The console's search finds comments too (a closing reason, a hand-off note), by the same
-- 'simple' full-text expression as notes (lib/domain/search.ts).
CREATE INDEX "comments_search_idx" ON "comments" USING gin (to_tsvector('simple'::regconfig, "content"));
