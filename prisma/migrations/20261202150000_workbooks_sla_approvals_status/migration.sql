-- An app run on an asset that requires approval waits in status "approval" (never claimed by the
-- job runner) until an owner approves (-> pending) or denies (-> failed) it (lib/domain/approvals.ts).
ALTER TABLE "app_runs" DROP CONSTRAINT "app_runs_status_check";
ALTER TABLE "app_runs" ADD CONSTRAINT "app_runs_status_check" CHECK ("status" IN ('pending', 'approval', 'running', 'success', 'failed', 'cancelled'));
