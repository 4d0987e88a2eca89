// "SLA at risk": a running clock that has used the administrators' share of its budget (80% by
// default, /admin/notifications) warns its owners once. The instant is each clock's risk_at,
// kept by a trigger in the clock's calendar (migration 20261204400100); the worker claims due
// ones with SKIP LOCKED and marks them warned in the transaction that notifies and audits, so a
// warning is given once whichever worker takes it and whatever was restarted in between.
import { SYSTEM } from "./actor";
import { appendAudit } from "./audit";
import { notifyUsers } from "./notifications";
import { clockSubject } from "./sla-subjects";
import { inTransaction } from "./transactions";

interface AtRisk { id: bigint; object_type: string; object_id: number; container_id: number | null; due_at: Date | null; percent: number }

/** Warns of up to `limit` clocks that passed their at-risk share; returns how many. */
export async function warnAtRisk(limit = 50): Promise<number> {
  return inTransaction(async (tx) => {
    const due = await tx.$queryRaw<AtRisk[]>`
      select t.id, t.object_type, t.object_id, t.container_id, t.due_at, coalesce(s.at_risk_percent, 80) as percent
      from sla_timers t left join notification_settings s on s.id = 1
      where t.risk_at <= now() and t.state = 'running' and t.risk_notified_at is null
      order by t.risk_at limit ${limit} for update of t skip locked`;
    for (const t of due) {
      await tx.$executeRaw`update sla_timers set risk_notified_at = now() where id = ${t.id}`;
      const what = await clockSubject(tx, t.object_type, t.object_id);
      if (!what) continue;
      await notifyUsers(tx, what.owners, {
        kind: "sla_at_risk", title: `SLA at risk: ${what.label} "${what.name}"`,
        body: `${t.percent}% of its SLA is used${t.due_at ? `; it breaches at ${t.due_at.toISOString()}` : ""}`,
        link: what.link, objectType: t.object_type, objectId: t.object_id,
      });
      await appendAudit(tx, SYSTEM, {
        action: "sla.at_risk", objectType: t.object_type, objectId: t.object_id, containerId: t.container_id, detail: { name: what.name, percent: t.percent, notified: what.owners.length },
      });
    }
    return due.length;
  });
}
