// What happens when an SLA clock runs out. The worker calls fireDueTimers every second: due
// clocks are claimed with FOR UPDATE SKIP LOCKED and each fires in the same transaction that
// marks it fired, so a breach is recorded, notified and audited exactly once, whichever worker
// takes it and whatever was restarted in between (the clocks are rows, not timers in memory).
import { SYSTEM } from "./actor";
import { appendAudit } from "./audit";
import { escalateApproval } from "./approvals";
import { managersOf, notifyUsers } from "./notifications";
import { clockSubject } from "./sla-subjects";
import { inTransaction } from "./transactions";
import type { Tx } from "../db/client";

interface DueTimer { id: bigint; object_type: string; object_id: number; container_id: number | null }

/** The breached mark each kind of object carries (prompts have none: their clock is the record). */
const MARK: Record<string, string> = { container: "containers", phase: "workbook_phases", task: "workbook_tasks" };

async function fire(tx: Tx, t: DueTimer): Promise<void> {
  if (t.object_type === "approval") {
    // An approval's clock escalates it to the next approvers (or, at the last stage, breaches).
    await escalateApproval(tx, t.object_id);
    return;
  }
  await tx.$executeRaw`update sla_timers set state = 'breached', fired_at = now(), used_ms = budget_ms, running_since = null where id = ${t.id}`;
  const table = MARK[t.object_type];
  if (table) await tx.$executeRawUnsafe(`update ${table} set sla_breached = true where id = $1`, t.object_id);
  const what = await clockSubject(tx, t.object_type, t.object_id);
  if (!what) return;
  // The owners and their managers (every manager when no owner is named).
  const recipients = [...what.owners, ...(await managersOf(tx, what.owners.length ? what.owners : [null]))];
  await notifyUsers(tx, recipients, {
    kind: "sla_breached", title: `SLA breached: ${what.label} "${what.name}"`, body: what.owners.length ? "" : "it has no owner",
    link: what.link, objectType: t.object_type, objectId: t.object_id,
  });
  await appendAudit(tx, SYSTEM, {
    action: "sla.breach", objectType: t.object_type, objectId: t.object_id, containerId: t.container_id, detail: { name: what.name, notified: recipients.length },
  });
}

/** Fires up to `limit` due clocks in one transaction; returns how many fired. */
export async function fireDueTimers(limit = 50): Promise<number> {
  return inTransaction(async (tx) => {
    const due = await tx.$queryRaw<DueTimer[]>`
      select id, object_type, object_id, container_id from sla_timers
      where state = 'running' and due_at <= now() order by due_at limit ${limit} for update skip locked`;
    for (const t of due) await fire(tx, t);
    return due.length;
  });
}
