-- Schedule triggers of playbooks (issue 9): a playbook runs on a container at every tick of a cron
-- expression in a time zone. The next tick is stored, so a restart loses none; a worker takes a
-- due schedule with FOR UPDATE SKIP LOCKED and commits the run with the advanced next_run.

CREATE TABLE "playbook_schedules" (
    "id" SERIAL NOT NULL,
    "playbook_id" INTEGER NOT NULL,
    "container_id" INTEGER NOT NULL,
    "cron" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "scope" TEXT NOT NULL DEFAULT 'new',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "next_run" TIMESTAMPTZ(3) NOT NULL,
    "last_run" TIMESTAMPTZ(3),
    "last_run_id" INTEGER,
    "created_by" TEXT NOT NULL,
    "create_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "playbook_schedules_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "playbook_schedules_next_run_idx" ON "playbook_schedules"("next_run");
ALTER TABLE "playbook_schedules" ADD CONSTRAINT "playbook_schedules_playbook_id_fkey" FOREIGN KEY ("playbook_id") REFERENCES "playbooks"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "playbook_schedules" ADD CONSTRAINT "playbook_schedules_container_id_fkey" FOREIGN KEY ("container_id") REFERENCES "containers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
