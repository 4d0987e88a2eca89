// The approvals inbox (/approvals): requests the user may answer, then recent answers, narrowed
// by the filters the SLA dashboard links with (status, how long they have waited, past their SLA),
// so "3 approvals waiting 1-4 h" opens exactly those three. The age buckets are defined once here
// for both the inbox and the dashboard's counts (./sla-dashboard.ts).
import { Prisma } from "@prisma/client";
import { db } from "../db/client";
import type { ApprovalAge, ApprovalInboxQuery } from "../schemas/approvals";
import type { Actor } from "./actor";
import { mayRespond } from "./approvals";

type Owners = { user?: number; role?: string }[];

/** [at least, under] hours waited, per bucket (null: no bound). */
const AGE_HOURS: Record<ApprovalAge, [number | null, number | null]> = {
  under_1h: [null, 1], "1h_4h": [1, 4], "4h_24h": [4, 24], over_1d: [24, null],
};

/** The condition "approval (alias `a`) has waited this long", on its create_time. */
export function approvalAgeSql(age: ApprovalAge, a = "ap"): Prisma.Sql {
  const [min, max] = AGE_HOURS[age];
  const col = Prisma.raw(`${a}.create_time`);
  const parts = [
    min === null ? null : Prisma.sql`${col} <= now() - make_interval(hours => ${min}::int)`,
    max === null ? null : Prisma.sql`${col} > now() - make_interval(hours => ${max}::int)`,
  ].filter((p): p is Prisma.Sql => p !== null);
  return Prisma.join(parts, " and ");
}

/** Past its SLA: the dashboard's "breached" among approvals waiting. */
export const approvalLateSql = (a = "ap") => Prisma.raw(`(${a}.sla_breached or coalesce(${a}.due_at < now(), false))`);

export interface InboxApproval {
  id: number; status: string; stage: number; dueAt: Date | null; createdAt: Date; message: string;
  actionRunId: number; action: string; actionName: string; requestedBy: string; assetName: string;
  containerId: number | null; containerName: string | null; playbookName: string | null; parameters: unknown[]; mine: boolean;
}

/**
 * Approvals for the approvals page: pending ones the actor may answer first, then answers of the
 * last 7 days; with `all`, every pending one (answer buttons only on the actor's own).
 */
export async function approvalInbox(actor: Actor, filter: ApprovalInboxQuery & { all?: boolean } = {}): Promise<InboxApproval[]> {
  const where: Prisma.Sql[] = [Prisma.sql`(ap.status = 'pending' or ap.responded_time > now() - interval '7 days')`];
  if (filter.status) where.push(Prisma.sql`ap.status = ${filter.status}`);
  if (filter.age) where.push(approvalAgeSql(filter.age));
  if (filter.sla === "breached") where.push(approvalLateSql());
  const rows = await db.$queryRaw<(Omit<InboxApproval, "mine"> & { approvers: Owners })[]>`
    select ap.id, ap.status, ap.stage, ap.due_at as "dueAt", ap.create_time as "createdAt", ap.message, ap.approvers,
      r.id as "actionRunId", r.action, r.name as "actionName", r.creator_name as "requestedBy", s.name as "assetName",
      ap.container_id as "containerId", c.name as "containerName",
      (select p.name from playbook_callbacks cb join playbook_runs pr on pr.id = cb.run_id join playbooks p on p.id = pr.playbook_id
        where cb.kind = 'action' and cb.ref_id = r.id limit 1) as "playbookName",
      coalesce((select jsonb_agg(x.parameter - 'context' order by x.id) from app_runs x where x.action_run_id = r.id and x.asset_id = ap.asset_id), '[]') as parameters
    from approvals ap join action_runs r on r.id = ap.action_run_id join assets s on s.id = ap.asset_id
      left join containers c on c.id = ap.container_id
    where ${Prisma.join(where, " and ")}
    order by (ap.status = 'pending') desc, ap.id desc limit 200`;
  return rows
    .map(({ approvers, ...r }) => ({ ...r, mine: r.status === "pending" && mayRespond({ approvers }, actor) }))
    .filter((r) => filter.all || r.mine || r.status !== "pending");
}
