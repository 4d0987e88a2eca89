// What happens when an SLA clock runs out. The worker calls fireDueTimers every second: due
// clocks are claimed with FOR UPDATE SKIP LOCKED and each fires in the same transaction that
// marks it fired, so a breach is recorded, notified and audited exactly once, whichever worker
// takes it and whatever was restarted in between (the clocks are rows, not timers in memory).
import { SYSTEM } from "./actor";
import { appendAudit } from "./audit";
import { escalateApproval } from "./approvals";
import { managersOf, notifyUsers } from "./notifications";
import { inTransaction } from "./transactions";
import type { Tx } from "../db/client";

interface DueTimer { id: bigint; object_type: string; object_id: number; container_id: number | null }

async function breach(tx: Tx, t: DueTimer, what: { name: string; ownerId: number | null; owners?: number[]; link: string; label: string }): Promise<void> {
  const owners = what.owners ?? (what.ownerId ? [what.ownerId] : []);
  const recipients = [...owners, ...(await managersOf(tx, owners.length ? owners : [null]))];
  await notifyUsers(tx, recipients, {
    kind: "sla_breached", title: `SLA breached: ${what.label} "${what.name}"`, body: owners.length ? "" : "it has no owner",
    link: what.link, objectType: t.object_type, objectId: t.object_id,
  });
  await appendAudit(tx, SYSTEM, {
    action: "sla.breach", objectType: t.object_type, objectId: t.object_id, containerId: t.container_id, detail: { name: what.name, notified: recipients.length },
  });
}

async function fire(tx: Tx, t: DueTimer): Promise<void> {
  if (t.object_type === "approval") {
    // An approval's clock escalates it to the next approvers (or, at the last stage, breaches).
    await escalateApproval(tx, t.object_id);
    return;
  }
  await tx.$executeRaw`update sla_timers set state = 'breached', fired_at = now(), used_ms = budget_ms, running_since = null where id = ${t.id}`;
  if (t.object_type === "container") {
    const [c] = await tx.$queryRaw<{ name: string; owner_id: number | null }[]>`
      update containers set sla_breached = true where id = ${t.object_id} returning name, owner_id`;
    if (c) await breach(tx, t, { name: c.name, ownerId: c.owner_id, link: `/events/${t.object_id}`, label: "event" });
  } else if (t.object_type === "phase") {
    const [phase] = await tx.$queryRaw<{ name: string; owner_id: number | null; container_id: number }[]>`
      update workbook_phases set sla_breached = true where id = ${t.object_id} returning name, owner_id, container_id`;
    if (phase) await breach(tx, t, { name: phase.name, ownerId: phase.owner_id, link: `/events/${phase.container_id}#workbook`, label: "phase" });
  } else if (t.object_type === "prompt") {
    // A prompt is owned by the user or the members of the role it names.
    const [p] = await tx.$queryRaw<{ message: string; run_id: number; owners: number[] }[]>`
      select coalesce(cb.detail->>'message', '') as message, cb.run_id,
        coalesce((select array_agg(u.id) from users u where not u.disabled
          and (u.username = cb.detail->'approver'->>'user' or u.role::text = cb.detail->'approver'->>'role')), '{}') as owners
      from playbook_callbacks cb where cb.id = ${t.object_id}`;
    if (p) await breach(tx, t, { name: p.message.slice(0, 80) || `prompt ${t.object_id}`, ownerId: null, owners: p.owners, link: "/approvals", label: "prompt" });
  } else if (t.object_type === "task") {
    const [task] = await tx.$queryRaw<{ name: string; owner_id: number | null; container_id: number }[]>`
      update workbook_tasks set sla_breached = true where id = ${t.object_id} returning name, owner_id, container_id`;
    if (task) await breach(tx, t, { name: task.name, ownerId: task.owner_id, link: `/events/${task.container_id}#workbook`, label: "task" });
  }
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
