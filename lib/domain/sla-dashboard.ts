// The manager's view, the parts that are not counts over a period (./sla-figures.ts): who
// carries the open work and how late it is, which events are the most overdue, and the
// approvals still waiting. Each is one statement over a partial index of open rows (migration
// 20261204300000_sla_dashboard), so it costs what the open work costs, not the whole history.
import { db } from "../db/client";
import type { ApprovalAge } from "../schemas/approvals";
import { approvalAgeSql, approvalLateSql } from "./approval-inbox";
import { RISK_PASSED_SQL } from "./sla-figures";

export interface AnalystLoad {
  ownerId: number | null; ownerName: string | null; openContainers: number; breached: number; atRisk: number; openTasks: number; overdueTasks: number;
}

const LIMIT = 200;

/** Workload per analyst: open events they own (breached, at risk), their open and overdue workbook tasks. */
export async function analystLoad(): Promise<AnalystLoad[]> {
  return db.$queryRawUnsafe<AnalystLoad[]>(`
    with c_stats as (
      select coalesce(c.owner_id, 0) as k, count(*)::int as open, count(*) filter (where c.sla_breached)::int as breached,
        count(*) filter (where not c.sla_breached and ${RISK_PASSED_SQL})::int as at_risk
      from containers c where c.close_time is null group by 1
    ), t_stats as (
      -- Task due times are timestamptz; a task is overdue once breached or past its due time.
      select coalesce(w.owner_id, 0) as k, count(*)::int as open, count(*) filter (where w.sla_breached or w.due_time < now())::int as overdue
      from workbook_tasks w where w.status <> 1 group by 1
    )
    -- Owner 0 stands for "nobody" so the full join can match on plain equality.
    select nullif(coalesce(c.k, t.k), 0) as "ownerId", u.username as "ownerName", coalesce(c.open, 0) as "openContainers",
      coalesce(c.breached, 0) as breached, coalesce(c.at_risk, 0) as "atRisk", coalesce(t.open, 0) as "openTasks", coalesce(t.overdue, 0) as "overdueTasks"
    from c_stats c full join t_stats t on t.k = c.k left join users u on u.id = coalesce(c.k, t.k)
    order by coalesce(c.breached, 0) + coalesce(t.overdue, 0) desc, coalesce(c.at_risk, 0) desc, u.username nulls last limit ${LIMIT}`);
}

export interface OverdueEvent { id: number; name: string; severity: string; label: string; ownerName: string | null; dueTime: Date | null }

/** The open events whose SLA ran out longest ago (the breached partial index, then the open ones). */
export async function longestOverdue(limit = 10): Promise<OverdueEvent[]> {
  return db.$queryRaw<OverdueEvent[]>`
    select c.id, c.name, c.severity, c.label, u.username as "ownerName", c.due_time as "dueTime"
    from containers c left join users u on u.id = c.owner_id
    where c.sla_breached and c.close_time is null
    order by c.due_time nulls last, c.id limit ${limit}`;
}

export interface WaitingApproval { id: number; containerId: number | null; containerName: string | null; action: string; asset: string; stage: number; createdAt: Date; dueAt: Date | null; breached: boolean }
export interface ApprovalsWaiting {
  total: number; breached: number; oldest: Date | null;
  /** Waiting for: under 1 h, 1-4 h, 4-24 h, over a day (../schemas/approvals.ts APPROVAL_AGES). */
  ages: Record<ApprovalAge, number>;
  items: WaitingApproval[];
}

/** Approvals still waiting for an answer: how many, how old, and the oldest ones. */
export async function approvalsWaiting(limit = 10): Promise<ApprovalsWaiting> {
  const [[stats], items] = await Promise.all([
    db.$queryRaw<{ total: number; breached: number; oldest: Date | null; a: number; b: number; c: number; d: number }[]>`
      select count(*)::int as total, count(*) filter (where ${approvalLateSql()})::int as breached, min(ap.create_time) as oldest,
        count(*) filter (where ${approvalAgeSql("under_1h")})::int as a, count(*) filter (where ${approvalAgeSql("1h_4h")})::int as b,
        count(*) filter (where ${approvalAgeSql("4h_24h")})::int as c, count(*) filter (where ${approvalAgeSql("over_1d")})::int as d
      from approvals ap where ap.status = 'pending'`,
    db.$queryRaw<WaitingApproval[]>`
      select a.id, a.container_id as "containerId", c.name as "containerName", r.action, s.name as asset, a.stage,
        a.create_time as "createdAt", a.due_at as "dueAt", ${approvalLateSql("a")} as breached
      from approvals a join action_runs r on r.id = a.action_run_id join assets s on s.id = a.asset_id
        left join containers c on c.id = a.container_id
      where a.status = 'pending' order by a.create_time, a.id limit ${limit}`,
  ]);
  return {
    total: stats?.total ?? 0, breached: stats?.breached ?? 0, oldest: stats?.oldest ?? null,
    ages: { under_1h: stats?.a ?? 0, "1h_4h": stats?.b ?? 0, "4h_24h": stats?.c ?? 0, over_1d: stats?.d ?? 0 }, items,
  };
}
