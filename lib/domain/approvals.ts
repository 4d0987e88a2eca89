// Approvals: an action on an asset that requires approval for the action's type (or name) waits
// until one of the asset's owners approves it. Its app runs are written with status "approval",
// which the job runner never claims, so a waiting action holds no worker; approving turns them
// "pending" (and wakes the workers), denying fails them with the reason, which settles the
// action run and so resumes the playbook that asked. Each stage waits the asset's approval SLA
// on a durable clock (./sla.ts): primary owners, then secondary owners, then the managers.
import { Prisma, type Approval } from "@prisma/client";
import type { Tx } from "../db/client";
import { RUNS_CHANNEL, SETTLE_SQL, settleParams } from "./action-runs";
import type { Actor } from "./actor";
import { SYSTEM } from "./actor";
import { appendAudit } from "./audit";
import { DomainError } from "./errors";
import { managersOf, notifyUsers, usersOf } from "./notifications";
import { startTimer, stopTimer } from "./sla-timers";
import { inTransaction } from "./transactions";

type Owners = { user?: number; role?: string }[];
interface GateAsset { id: number; name: string; primary_owners: Owners; secondary_owners: Owners; approval_sla_minutes: number }

/** The assets of `assetIds` that require approval for this action (by its type or its name). */
export async function assetsNeedingApproval(tx: Tx, assetIds: number[], type: string, action: string): Promise<Map<number, GateAsset>> {
  if (assetIds.length === 0) return new Map();
  const rows = await tx.$queryRaw<GateAsset[]>`
    select id, name, primary_owners, secondary_owners, approval_sla_minutes from assets
    where id = any(${assetIds}::int[]) and (${type} = any(approval_required_for) or ${action} = any(approval_required_for))`;
  return new Map(rows.map((r) => [r.id, r]));
}

async function managerOwners(tx: Tx): Promise<Owners> {
  return (await managersOf(tx, [])).map((user) => ({ user }));
}

/** Opens one approval per gated asset of a new action run (in the action run's transaction). */
export async function openApprovals(tx: Tx, run: { id: number; action: string; containerId: number | null }, gated: Map<number, GateAsset>, actor: Actor): Promise<void> {
  for (const asset of gated.values()) {
    let approvers = asset.primary_owners.length ? asset.primary_owners : asset.secondary_owners;
    const stage = asset.primary_owners.length ? 1 : asset.secondary_owners.length ? 2 : 3;
    if (stage === 3) approvers = await managerOwners(tx);
    const a = await tx.approval.create({
      data: { actionRunId: run.id, assetId: asset.id, containerId: run.containerId, stage, approvers: approvers as Prisma.InputJsonArray, slaMinutes: asset.approval_sla_minutes },
    });
    const due = await startTimer(tx, "approval", a.id, run.containerId, asset.approval_sla_minutes);
    await tx.approval.update({ where: { id: a.id }, data: { dueAt: due } });
    await notifyUsers(tx, await usersOf(tx, approvers), {
      kind: "approval", title: `Approval requested: ${run.action} on ${asset.name}`, body: `requested by ${actor.name}`,
      link: "/approvals", objectType: "approval", objectId: a.id,
    });
    await appendAudit(tx, actor, { action: "approval.request", objectType: "approval", objectId: a.id, containerId: run.containerId, detail: { asset: asset.name, action: run.action, stage } });
  }
}

/** Whether `actor` may answer approval `a` now: a current approver, or an administrator. */
export function mayRespond(a: Pick<Approval, "approvers">, actor: Actor): boolean {
  if (actor.role === "administrator") return true;
  return (a.approvers as Owners).some((o) => (o.user !== undefined && o.user === actor.id) || (o.role !== undefined && o.role === actor.role));
}

export async function respondApproval(id: number, decision: "approve" | "deny", message: string, actor: Actor): Promise<Approval> {
  return inTransaction(async (tx) => {
    const [a] = await tx.$queryRaw<Approval[]>`select id, action_run_id as "actionRunId", asset_id as "assetId", container_id as "containerId",
      status, approvers from approvals where id = ${id} for update`;
    if (!a) throw new DomainError("not_found", `approval ${id} does not exist`);
    if (a.status !== "pending") throw new DomainError("conflict", `approval ${id} was already answered (${a.status})`);
    if (!mayRespond(a, actor)) throw new DomainError("forbidden", `approval ${id} is not yours to answer: it waits for ${JSON.stringify(a.approvers)}`);
    const status = decision === "approve" ? "approved" : "denied";
    await tx.approval.update({ where: { id }, data: { status, respondedBy: actor.id, respondedAt: new Date(), message } });
    await stopTimer(tx, "approval", id);
    if (decision === "approve") {
      await tx.$executeRaw`update app_runs set status = 'pending', run_after = now(), update_time = now()
        where action_run_id = ${a.actionRunId} and asset_id = ${a.assetId} and status = 'approval'`;
      await tx.$executeRaw`select pg_notify(${RUNS_CHANNEL}, 'new')`;
    } else {
      const reason = `denied by ${actor.name}${message ? `: ${message}` : ""}`;
      const denied = await tx.$executeRaw`update app_runs set status = 'failed', message = ${reason}, end_time = now(), update_time = now()
        where action_run_id = ${a.actionRunId} and asset_id = ${a.assetId} and status = 'approval'`;
      if (denied) await tx.$executeRawUnsafe(SETTLE_SQL, ...settleParams(new Map([[a.actionRunId, { ok: 0, bad: denied, cancelled: 0 }]])));
    }
    const run = await tx.actionRun.findUnique({ where: { id: a.actionRunId }, select: { creatorId: true, action: true } });
    if (run?.creatorId && run.creatorId !== actor.id) {
      await notifyUsers(tx, [run.creatorId], {
        kind: "approval", title: `${run.action} ${status} by ${actor.name}`, body: message, link: a.containerId ? `/events/${a.containerId}` : "/approvals",
        objectType: "approval", objectId: id,
      });
    }
    await appendAudit(tx, actor, { action: `approval.${decision}`, objectType: "approval", objectId: id, containerId: a.containerId, detail: { action_run: a.actionRunId, message } });
    return (await tx.approval.findUnique({ where: { id } }))!;
  });
}

/**
 * The clock of an approval ran out (called by the SLA worker in its transaction): escalate to
 * the secondary owners, then the managers; past the last stage the approval is breached (it
 * stays answerable) and the managers are told.
 */
export async function escalateApproval(tx: Tx, id: number): Promise<void> {
  const [a] = await tx.$queryRaw<(Approval & { asset_name: string; secondary_owners: Owners; action: string })[]>`
    select ap.id, ap.stage, ap.status, ap.container_id as "containerId", ap.sla_minutes as "slaMinutes", s.name as asset_name,
      s.secondary_owners, r.action
    from approvals ap join assets s on s.id = ap.asset_id join action_runs r on r.id = ap.action_run_id where ap.id = ${id} for update of ap`;
  if (!a || a.status !== "pending") {
    await stopTimer(tx, "approval", id, "cancelled");
    return;
  }
  let stage = a.stage + 1;
  let approvers: Owners = [];
  if (stage === 2) approvers = a.secondary_owners;
  if (stage === 2 && approvers.length === 0) stage = 3;
  if (stage === 3) approvers = await managerOwners(tx);
  if (stage > 3 || approvers.length === 0) {
    await tx.$executeRaw`update sla_timers set state = 'breached', fired_at = now(), running_since = null, used_ms = budget_ms
      where object_type = 'approval' and object_id = ${id}`;
    await tx.$executeRaw`update approvals set sla_breached = true where id = ${id}`;
    // Whoever could answer at the last stage, and their managers (every manager when none is named).
    const current = await usersOf(tx, (await tx.approval.findUnique({ where: { id }, select: { approvers: true } }))?.approvers);
    await notifyUsers(tx, [...current, ...(await managersOf(tx, current.length ? current : [null]))], {
      kind: "sla_breached", title: `Approval unanswered: ${a.action} on ${a.asset_name}`, link: "/approvals", objectType: "approval", objectId: id,
    });
    await appendAudit(tx, SYSTEM, { action: "sla.breach", objectType: "approval", objectId: id, containerId: a.containerId, detail: { stage: a.stage } });
    return;
  }
  const due = await startTimer(tx, "approval", id, a.containerId, a.slaMinutes);
  await tx.approval.update({ where: { id }, data: { stage, approvers: approvers as Prisma.InputJsonArray, dueAt: due } });
  await notifyUsers(tx, await usersOf(tx, approvers), {
    kind: "approval_escalated", title: `Approval escalated to you: ${a.action} on ${a.asset_name}`, body: `unanswered for ${a.slaMinutes} minutes`,
    link: "/approvals", objectType: "approval", objectId: id,
  });
  await appendAudit(tx, SYSTEM, { action: "approval.escalate", objectType: "approval", objectId: id, containerId: a.containerId, detail: { from_stage: a.stage, to_stage: stage } });
}
