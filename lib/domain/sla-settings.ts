// Administrators' SLA settings: the response SLA in minutes of each severity (new containers'
// due time, set by the database), and which container statuses stop the clock.
import { db } from "../db/client";
import type { Actor } from "./actor";
import { appendAudit } from "./audit";
import { DomainError } from "./errors";
import { invalidateTaxonomy } from "./taxonomy";
import { inTransaction } from "./transactions";

export async function slaSettings() {
  const [severities, statuses] = await Promise.all([
    db.severity.findMany({ orderBy: [{ position: "asc" }, { id: "asc" }], select: { name: true, slaMinutes: true, slaCalendarId: true } }),
    db.containerStatus.findMany({ orderBy: { id: "asc" }, select: { name: true, statusType: true, clockStopped: true } }),
  ]);
  return { severities, statuses };
}

export async function saveSlaSettings(input: { severities: { name: string; slaMinutes: number | null; calendarId?: number | null }[]; clockStopped: string[] }, actor: Actor): Promise<void> {
  await inTransaction(async (tx) => {
    for (const s of input.severities) {
      // A severity's business-hours calendar (./sla-calendars.ts); left as it was when not sent.
      if (s.calendarId && !(await tx.slaCalendar.findUnique({ where: { id: s.calendarId }, select: { id: true } }))) {
        throw new DomainError("invalid", `severities: no calendar ${s.calendarId} for "${s.name}"`, "severities");
      }
      const calendar = s.calendarId === undefined ? {} : { slaCalendarId: s.calendarId };
      const { count } = await tx.severity.updateMany({ where: { name: s.name }, data: { slaMinutes: s.slaMinutes, ...calendar } });
      if (!count) throw new DomainError("invalid", `severities: no severity "${s.name}"`, "severities");
    }
    const closed = await tx.containerStatus.findMany({ where: { name: { in: input.clockStopped }, statusType: "closed" }, select: { name: true } });
    if (closed.length) throw new DomainError("invalid", `clock_stopped: "${closed[0]!.name}" is a closed status; closing stops the clock anyway`, "clock_stopped");
    await tx.containerStatus.updateMany({ data: { clockStopped: false } });
    await tx.containerStatus.updateMany({ where: { name: { in: input.clockStopped } }, data: { clockStopped: true } });
    await appendAudit(tx, actor, { action: "sla.settings", objectType: "settings", objectId: "sla", detail: input });
  });
  invalidateTaxonomy();
}
