-- The analyst console (issue 4, part A): saved queue filters, evidence marks in cases,
-- keyset-pagination indexes for the events queue, and a NOTIFY that wakes live queues.

-- CreateTable
CREATE TABLE "saved_filters" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "query" JSONB NOT NULL DEFAULT '{}',
    "create_time" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "saved_filters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evidence" (
    "id" SERIAL NOT NULL,
    "case_id" INTEGER NOT NULL,
    "container_id" INTEGER NOT NULL,
    "object_type" TEXT NOT NULL,
    "object_id" INTEGER NOT NULL,
    "created_by" INTEGER,
    "create_time" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evidence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "saved_filters_user_id_name_key" ON "saved_filters"("user_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "evidence_case_id_object_type_object_id_key" ON "evidence"("case_id", "object_type", "object_id");

-- CreateIndex
CREATE INDEX "evidence_container_id_idx" ON "evidence"("container_id");

-- CreateIndex: keyset pages of the queue, by each sort key and the common single filters.
CREATE INDEX "containers_create_time_id_idx" ON "containers"("create_time", "id");
CREATE INDEX "containers_update_time_id_idx" ON "containers"("update_time", "id");
CREATE INDEX "containers_name_id_idx" ON "containers"("name", "id");
CREATE INDEX "containers_owner_id_create_time_id_idx" ON "containers"("owner_id", "create_time", "id");
CREATE INDEX "containers_severity_create_time_id_idx" ON "containers"("severity", "create_time", "id");
CREATE INDEX "containers_label_create_time_id_idx" ON "containers"("label", "create_time", "id");
CREATE INDEX "containers_container_type_create_time_id_idx" ON "containers"("container_type", "create_time", "id");
CREATE INDEX "containers_tags_idx" ON "containers" USING GIN ("tags");

-- AddForeignKey
ALTER TABLE "saved_filters" ADD CONSTRAINT "saved_filters_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "containers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_container_id_fkey" FOREIGN KEY ("container_id") REFERENCES "containers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Hand-written below this line.

-- Free-text search of the queue (name ilike) uses a trigram index when pg_trgm is available.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
  CREATE INDEX "containers_name_trgm_idx" ON "containers" USING gin ("name" gin_trgm_ops);
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'pg_trgm is not available: queue text search will scan';
END;
$$;

-- Live queues: one NOTIFY per statement (not per row) that changes containers, whoever wrote it
-- (console, REST, engine, another node). Identical payloads in one transaction are delivered
-- once, so bulk ingestion costs one notification per transaction. Listeners refetch.
CREATE FUNCTION "vigil_notify_containers"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('vigil_live', 'containers');
  RETURN NULL;
END;
$$;
CREATE TRIGGER "containers_notify" AFTER INSERT OR UPDATE OR DELETE ON "containers"
  FOR EACH STATEMENT EXECUTE FUNCTION "vigil_notify_containers"();
