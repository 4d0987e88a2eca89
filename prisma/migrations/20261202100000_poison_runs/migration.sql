-- How many times an app run's process died under it: its app's child process, or the worker
-- holding its lease. Past VIGIL_POISON_DEATHS the run fails instead of being tried again.
ALTER TABLE "app_runs" ADD COLUMN "deaths" INTEGER NOT NULL DEFAULT 0;
