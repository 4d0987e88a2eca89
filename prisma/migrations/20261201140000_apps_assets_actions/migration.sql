-- Apps, assets, action runs and app runs (issue 7). app_runs is also the job queue: workers
-- claim rows with FOR UPDATE SKIP LOCKED and hold them with a lease (lib/jobs/runner.ts).

CREATE TABLE "apps" (
    "id" SERIAL NOT NULL,
    "directory" TEXT NOT NULL,
    "appid" TEXT,
    "name" TEXT NOT NULL,
    "app_version" TEXT NOT NULL DEFAULT '',
    "product_vendor" TEXT NOT NULL DEFAULT '',
    "product_name" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "type" TEXT NOT NULL DEFAULT '',
    "manifest" JSONB NOT NULL DEFAULT '{}',
    "builtin" BOOLEAN NOT NULL DEFAULT true,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "error" TEXT,
    "install_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "update_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "apps_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "apps_directory_key" ON "apps"("directory");
CREATE UNIQUE INDEX "apps_appid_key" ON "apps"("appid");

CREATE TABLE "assets" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "app_id" INTEGER NOT NULL,
    "configuration" JSONB NOT NULL DEFAULT '{}',
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "primary_owners" JSONB NOT NULL DEFAULT '[]',
    "secondary_owners" JSONB NOT NULL DEFAULT '[]',
    "approval_required_for" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "concurrency_limit" INTEGER NOT NULL DEFAULT 10,
    "timeout_seconds" INTEGER,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "state" JSONB NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 1,
    "create_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "update_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "assets_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "assets_concurrency_limit_check" CHECK ("concurrency_limit" > 0)
);
CREATE UNIQUE INDEX "assets_name_key" ON "assets"("name");
ALTER TABLE "assets" ADD CONSTRAINT "assets_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "action_runs" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "type" TEXT NOT NULL DEFAULT 'generic',
    "container_id" INTEGER NOT NULL,
    "creator" INTEGER,
    "creator_name" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "message" TEXT NOT NULL DEFAULT '',
    "targets" JSONB NOT NULL DEFAULT '[]',
    "total" INTEGER NOT NULL DEFAULT 0,
    "remaining" INTEGER NOT NULL DEFAULT 0,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "cancelled" TIMESTAMPTZ(3),
    "create_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "update_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "close_time" TIMESTAMPTZ(3),
    CONSTRAINT "action_runs_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "action_runs_status_check" CHECK ("status" IN ('pending', 'running', 'success', 'failed', 'partial', 'cancelled'))
);
CREATE INDEX "action_runs_container_id_id_idx" ON "action_runs"("container_id", "id");
ALTER TABLE "action_runs" ADD CONSTRAINT "action_runs_container_id_fkey" FOREIGN KEY ("container_id") REFERENCES "containers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "app_runs" (
    "id" SERIAL NOT NULL,
    "action_run_id" INTEGER NOT NULL,
    "container_id" INTEGER NOT NULL,
    "asset_id" INTEGER NOT NULL,
    "app_id" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "parameter" JSONB NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "max_attempts" INTEGER NOT NULL DEFAULT 3,
    "timeout_ms" INTEGER NOT NULL DEFAULT 120000,
    "idempotency_key" TEXT NOT NULL,
    "lease_owner" TEXT,
    "lease_expires_at" TIMESTAMPTZ(3),
    "run_after" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "message" TEXT NOT NULL DEFAULT '',
    "result_data" JSONB NOT NULL DEFAULT '[]',
    "result_summary" JSONB NOT NULL DEFAULT '{}',
    "exception_occured" BOOLEAN NOT NULL DEFAULT false,
    -- When the row was written (not when its transaction began): dispatch latency counts from here.
    "create_time" TIMESTAMPTZ(3) NOT NULL DEFAULT clock_timestamp(),
    "start_time" TIMESTAMPTZ(3),
    "end_time" TIMESTAMPTZ(3),
    "update_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "app_runs_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "app_runs_status_check" CHECK ("status" IN ('pending', 'running', 'success', 'failed', 'cancelled'))
);
CREATE UNIQUE INDEX "app_runs_idempotency_key_key" ON "app_runs"("idempotency_key");
CREATE INDEX "app_runs_action_run_id_idx" ON "app_runs"("action_run_id");
CREATE INDEX "app_runs_container_id_id_idx" ON "app_runs"("container_id", "id");
-- What the claim loop reads: each asset's due pending runs in order, running runs by lease expiry.
CREATE INDEX "app_runs_due_idx" ON "app_runs"("asset_id", "run_after", "id") WHERE "status" = 'pending';
CREATE INDEX "app_runs_leased_idx" ON "app_runs"("lease_expires_at") WHERE "status" = 'running';
CREATE INDEX "app_runs_running_asset_idx" ON "app_runs"("asset_id") WHERE "status" = 'running';
ALTER TABLE "app_runs" ADD CONSTRAINT "app_runs_action_run_id_fkey" FOREIGN KEY ("action_run_id") REFERENCES "action_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "app_runs" ADD CONSTRAINT "app_runs_asset_id_fkey" FOREIGN KEY ("asset_id") REFERENCES "assets"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
