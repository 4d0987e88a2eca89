// Schedule triggers (issue 9): a playbook runs on a container at every tick of a cron expression
// in a time zone. The next tick is a column, so a restart loses none: ticks missed while no
// worker ran give one run when a worker is back, not one per missed tick. A worker takes due
// schedules with FOR UPDATE SKIP LOCKED and, in the same transaction, starts their runs and
// advances next_run, so each tick runs once however many workers poll.
import { Cron } from "croner";
import type { PlaybookSchedule } from "@prisma/client";
import { db } from "../db/client";
import type { NewPlaybookSchedule } from "../schemas/playbooks";
import type { Actor } from "./actor";
import { appendAudit } from "./audit";
import { DomainError } from "./errors";
import { getPlaybook } from "./playbooks";
import { inTransaction } from "./transactions";

/** The first tick of `cron` in `timezone` after `from`; a DomainError naming what is wrong. */
export function nextTick(cron: string, timezone: string, from: Date = new Date()): Date {
  let next: Date | null;
  try {
    next = new Cron(cron, { timezone, paused: true }).nextRun(from);
  } catch (err) {
    const message = err instanceof Error ? err.message.replace(/^Cron\w*: /, "") : String(err);
    throw new DomainError("invalid", /timezone/i.test(message) ? `timezone: ${JSON.stringify(timezone)} is not an IANA time zone (such as Europe/Berlin)` : `cron: ${message}`, /timezone/i.test(message) ? "timezone" : "cron");
  }
  if (!next) throw new DomainError("invalid", `cron: ${JSON.stringify(cron)} never fires again`, "cron");
  return next;
}

export async function createSchedule(input: NewPlaybookSchedule, actor: Actor): Promise<PlaybookSchedule> {
  const p = await getPlaybook(input.playbook_id);
  if (p.type === "input") throw new DomainError("invalid", "playbook_id: an input playbook runs only from another playbook, with its inputs", "playbook_id");
  const nextRun = nextTick(input.cron, input.timezone);
  return inTransaction(async (tx) => {
    const s = await tx.playbookSchedule.create({
      data: { playbookId: p.id, containerId: input.container_id, cron: input.cron, timezone: input.timezone, scope: input.scope, active: input.active, nextRun, createdBy: actor.name },
    });
    await appendAudit(tx, actor, { action: "playbook_schedule.create", objectType: "playbook_schedule", objectId: s.id, containerId: s.containerId, detail: { playbook: `${p.repo}/${p.name}`, cron: s.cron, timezone: s.timezone } });
    return s;
  }, { violations: { "23503": new DomainError("invalid", `container_id: container ${input.container_id} does not exist`, "container_id") } });
}

export async function deleteSchedule(id: number, actor: Actor): Promise<void> {
  await inTransaction(async (tx) => {
    const s = await tx.playbookSchedule.findUnique({ where: { id } });
    if (!s) throw new DomainError("not_found", `playbook schedule ${id} does not exist`);
    await tx.playbookSchedule.delete({ where: { id } });
    await appendAudit(tx, actor, { action: "playbook_schedule.delete", objectType: "playbook_schedule", objectId: id, containerId: s.containerId });
  });
}

/** Pauses or resumes a schedule; a resumed one next fires at its first tick from now. */
export async function setScheduleActive(id: number, active: boolean, actor: Actor): Promise<PlaybookSchedule> {
  return inTransaction(async (tx) => {
    const s = await tx.playbookSchedule.findUnique({ where: { id } });
    if (!s) throw new DomainError("not_found", `playbook schedule ${id} does not exist`);
    const updated = await tx.playbookSchedule.update({ where: { id }, data: { active, ...(active && !s.active ? { nextRun: nextTick(s.cron, s.timezone) } : {}) } });
    await appendAudit(tx, actor, { action: active ? "playbook_schedule.resume" : "playbook_schedule.pause", objectType: "playbook_schedule", objectId: id, containerId: s.containerId });
    return updated;
  });
}

export async function getSchedule(id: number): Promise<PlaybookSchedule> {
  const s = await db.playbookSchedule.findUnique({ where: { id } });
  if (!s) throw new DomainError("not_found", `playbook schedule ${id} does not exist`);
  return s;
}

export function listSchedules(where: { playbookId?: number; containerId?: number } = {}): Promise<PlaybookSchedule[]> {
  return db.playbookSchedule.findMany({ where, orderBy: { id: "asc" }, take: 1000 });
}
