-- A closed case (or event) records its resolution and who closed it as fields, shown on the case
-- and in the cases list; before, the reason lived only in a comment.
ALTER TABLE "containers" ADD COLUMN "resolution" TEXT;
ALTER TABLE "containers" ADD COLUMN "closed_by_id" INTEGER;
ALTER TABLE "containers" ADD CONSTRAINT "containers_closed_by_id_fkey" FOREIGN KEY ("closed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
