// Administrators' SLA settings: the response SLA in minutes of each severity (new containers'
// due time, set by the database), its business-hours calendar and at-risk share, and which
// container statuses stop the clock.
import { db, type Tx } from "../db/client";
import type { Actor } from "./actor";
import { appendAudit } from "./audit";
import { DomainError } from "./errors";
import { invalidateTaxonomy } from "./taxonomy";
import { inTransaction } from "./transactions";

export async function slaSettings() {
  const [severities, statuses] = await Promise.all([
    db.severity.findMany({ orderBy: [{ position: "asc" }, { id: "asc" }], select: { name: true, slaMinutes: true, slaCalendarId: true, atRiskPercent: true } }),
    db.containerStatus.findMany({ orderBy: { id: "asc" }, select: { name: true, statusType: true, clockStopped: true } }),
  ]);
  return { severities, statuses };
}

export type SeveritySla = {
  name: string;
  slaMinutes: number | null;
  calendarId?: number | null;
  /** Share (percent) of the SLA used from which it is at risk; null: the default; left out: as it was. */
  atRiskPercent?: number | null;
};

/**
 * After a share changed (of these severities, or the default: null), running clocks not yet
 * warned and open events take it: the warning's instant and the dashboard's (risk_time) alike.
 */
export async function refreshRiskShare(tx: Tx, severities: string[] | null): Promise<void> {
  await tx.$queryRaw`select vigil_sla_risk_refresh(${severities}::text[])`;
}

export async function saveSlaSettings(input: { severities: SeveritySla[]; clockStopped: string[] }, actor: Actor): Promise<void> {
  await inTransaction(async (tx) => {
    const shareMoved: string[] = [];
    for (const s of input.severities) {
      const p = s.atRiskPercent;
      if (p !== undefined && p !== null && (!Number.isInteger(p) || p < 1 || p > 99)) {
        throw new DomainError("invalid", `severities: the at-risk share of "${s.name}" must be a whole percentage from 1 to 99`, "severities");
      }
      // A severity's business-hours calendar (./sla-calendars.ts); left as it was when not sent.
      if (s.calendarId && !(await tx.slaCalendar.findUnique({ where: { id: s.calendarId }, select: { id: true } }))) {
        throw new DomainError("invalid", `severities: no calendar ${s.calendarId} for "${s.name}"`, "severities");
      }
      const calendar = s.calendarId === undefined ? {} : { slaCalendarId: s.calendarId };
      const share = p === undefined ? {} : { atRiskPercent: p };
      const before = await tx.severity.findUnique({ where: { name: s.name }, select: { atRiskPercent: true } });
      if (!before) throw new DomainError("invalid", `severities: no severity "${s.name}"`, "severities");
      await tx.severity.update({ where: { name: s.name }, data: { slaMinutes: s.slaMinutes, ...calendar, ...share } });
      if (p !== undefined && p !== before.atRiskPercent) shareMoved.push(s.name);
    }
    if (shareMoved.length) await refreshRiskShare(tx, shareMoved);
    const closed = await tx.containerStatus.findMany({ where: { name: { in: input.clockStopped }, statusType: "closed" }, select: { name: true } });
    if (closed.length) throw new DomainError("invalid", `clock_stopped: "${closed[0]!.name}" is a closed status; closing stops the clock anyway`, "clock_stopped");
    await tx.containerStatus.updateMany({ data: { clockStopped: false } });
    await tx.containerStatus.updateMany({ where: { name: { in: input.clockStopped } }, data: { clockStopped: true } });
    await appendAudit(tx, actor, { action: "sla.settings", objectType: "settings", objectId: "sla", detail: input });
  });
  invalidateTaxonomy();
}
