-- AlterTable
ALTER TABLE "containers" ADD COLUMN     "artifact_update_time" TIMESTAMP(3),
ADD COLUMN     "hash" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "parent_container_id" INTEGER;

-- AlterTable
ALTER TABLE "artifacts" ADD COLUMN     "description" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "end_time" TIMESTAMP(3),
ADD COLUMN     "start_time" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "audit_log" ADD COLUMN     "chain" TEXT NOT NULL DEFAULT 'global';

-- CreateTable
CREATE TABLE "comments" (
    "id" SERIAL NOT NULL,
    "container_id" INTEGER NOT NULL,
    "author_id" INTEGER,
    "content" TEXT NOT NULL,
    "create_time" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "comments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attachments" (
    "id" SERIAL NOT NULL,
    "container_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "mime_type" TEXT NOT NULL DEFAULT 'application/octet-stream',
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "created_by" INTEGER,
    "create_time" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attachments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "severities" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "color" TEXT NOT NULL DEFAULT 'gray',
    "position" INTEGER NOT NULL DEFAULT 0,
    "builtin" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "severities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "container_statuses" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "status_type" TEXT NOT NULL,
    "builtin" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "container_statuses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cef_fields" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "contains" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "create_time" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cef_fields_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "comments_container_id_idx" ON "comments"("container_id");

-- CreateIndex
CREATE INDEX "attachments_container_id_idx" ON "attachments"("container_id");

-- CreateIndex
CREATE INDEX "attachments_sha256_idx" ON "attachments"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "severities_name_key" ON "severities"("name");

-- CreateIndex
CREATE UNIQUE INDEX "container_statuses_name_key" ON "container_statuses"("name");

-- CreateIndex
CREATE UNIQUE INDEX "cef_fields_name_key" ON "cef_fields"("name");

-- CreateIndex
CREATE INDEX "containers_parent_container_id_idx" ON "containers"("parent_container_id");

-- CreateIndex
CREATE INDEX "artifacts_source_data_identifier_idx" ON "artifacts"("source_data_identifier");

-- CreateIndex
CREATE INDEX "indicators_last_seen_idx" ON "indicators"("last_seen");

-- CreateIndex
CREATE INDEX "indicator_artifacts_artifact_id_idx" ON "indicator_artifacts"("artifact_id");

-- CreateIndex
CREATE INDEX "audit_log_chain_id_idx" ON "audit_log"("chain", "id");

-- AddForeignKey
ALTER TABLE "containers" ADD CONSTRAINT "containers_parent_container_id_fkey" FOREIGN KEY ("parent_container_id") REFERENCES "containers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comments" ADD CONSTRAINT "comments_container_id_fkey" FOREIGN KEY ("container_id") REFERENCES "containers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comments" ADD CONSTRAINT "comments_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_container_id_fkey" FOREIGN KEY ("container_id") REFERENCES "containers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Hand-written below this line.

-- The built-in severities and statuses; administrators add more rows.
INSERT INTO "severities" ("name", "color", "position", "builtin") VALUES
  ('low', 'yellow', 1, true), ('medium', 'orange', 2, true), ('high', 'red', 3, true);
INSERT INTO "container_statuses" ("name", "status_type", "builtin") VALUES
  ('new', 'new', true), ('open', 'open', true), ('closed', 'closed', true);

-- Indicator search (`_filter_value__icontains`, the console's search box) uses trigram indexes
-- when pg_trgm is available; an external PostgreSQL without contrib still migrates and falls
-- back to a sequential scan.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
  CREATE INDEX "indicators_value_trgm_idx" ON "indicators" USING gin ("value" gin_trgm_ops);
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'pg_trgm is not available: indicator search will scan';
END;
$$;
