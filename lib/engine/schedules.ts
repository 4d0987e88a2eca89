// Schedule triggers, the worker's side: due schedules (lib/domain/playbook-schedules.ts) become
// runs. Taken with FOR UPDATE SKIP LOCKED, started and advanced in one transaction, so a tick
// runs once however many workers poll, and a crash before COMMIT leaves the tick due.
import { db } from "../db/client";
import { nextTick } from "../domain/playbook-schedules";
import { timeLimitSeconds } from "./runs";

/**
 * Starts the runs of due schedules (active, on an active playbook) and advances each one's
 * next_run past now; returns how many runs started. Called by the engine's housekeeping loop.
 */
export async function startScheduledRuns(batch = 100): Promise<number> {
  return db.$transaction(async (tx) => {
    const due = await tx.$queryRaw<{ id: number; playbook_id: number; version: number; container_id: number; cron: string; timezone: string; scope: string; next_run: Date; pb_active: boolean }[]>`
      select s.id, s.playbook_id, p.version, s.container_id, s.cron, s.timezone, s.scope, s.next_run, p.active as pb_active
      from playbook_schedules s join playbooks p on p.id = s.playbook_id
      where s.active and s.next_run <= now()
      order by s.next_run limit ${batch} for update of s skip locked`;
    let started = 0;
    const now = new Date();
    for (const s of due) {
      let next: Date;
      try {
        next = nextTick(s.cron, s.timezone, now);
      } catch {
        // Saved when valid; a time zone the runtime no longer knows stops the schedule, not the loop.
        await tx.playbookSchedule.update({ where: { id: s.id }, data: { active: false } });
        continue;
      }
      let runId: number | null = null;
      if (s.pb_active) {
        const rows = await tx.$queryRaw<{ id: number }[]>`
          insert into playbook_runs (playbook_id, playbook_version, container_id, scope, artifact_floor, artifact_max, deadline, started_by)
          values (${s.playbook_id}, ${s.version}, ${s.container_id}, ${s.scope},
            coalesce((select max(r.artifact_max) from playbook_runs r where r.playbook_id = ${s.playbook_id} and r.container_id = ${s.container_id}), 0),
            coalesce((select max(a.id) from artifacts a where a.container_id = ${s.container_id}), 0),
            now() + make_interval(secs => ${timeLimitSeconds()}::float8), ${`schedule #${s.id} (${s.next_run.toISOString()})`})
          returning id`;
        runId = rows[0]!.id;
        started++;
      }
      await tx.playbookSchedule.update({ where: { id: s.id }, data: { nextRun: next, ...(runId ? { lastRun: s.next_run, lastRunId: runId } : {}) } });
    }
    return started;
  }, { maxWait: 10_000, timeout: 30_000 });
}
