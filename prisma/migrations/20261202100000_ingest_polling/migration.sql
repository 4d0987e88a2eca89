-- Ingest assets poll on a schedule: the app's "on poll" action runs every interval, started by
-- whichever worker takes the asset's row first (FOR UPDATE SKIP LOCKED on next_poll_time).
ALTER TABLE "assets"
  ADD COLUMN "ingest_poll" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "ingest_interval_seconds" INTEGER,
  ADD COLUMN "ingest_label" TEXT,
  ADD COLUMN "next_poll_time" TIMESTAMPTZ(3),
  ADD COLUMN "last_poll_time" TIMESTAMPTZ(3),
  ADD COLUMN "last_poll_message" TEXT NOT NULL DEFAULT '',
  -- The latest poll's action run: a poll still running is not started again.
  ADD COLUMN "last_poll_action_run" INTEGER;

CREATE INDEX "assets_next_poll_time_idx" ON "assets" ("next_poll_time") WHERE "ingest_poll";
