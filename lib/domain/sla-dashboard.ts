// The manager's view: who is late. Containers, tasks and approvals whose SLA clock has run out
// (breached) or is close to it (at risk: AT_RISK of the budget used), and the same per analyst.
// Read from the SLA clocks (sla_timers), so paused clocks and resumed ones count as they should.
import { db } from "../db/client";
import { USED_SQL } from "./sla-timers";

/** Share of an SLA used from which it counts as at risk. */
export const AT_RISK = 0.8;

export interface LateItem {
  kind: "container" | "task" | "approval"; id: number; name: string; containerId: number | null; ownerId: number | null; ownerName: string | null;
  severity: string | null; state: string; used: number; dueAt: Date | null; firedAt: Date | null;
}

export interface AnalystLoad { ownerId: number | null; ownerName: string | null; openContainers: number; breached: number; atRisk: number; openTasks: number; lateTasks: number }

const LIMIT = 200;

export async function lateItems(): Promise<LateItem[]> {
  // Breached clocks of containers still open and tasks still not complete, and running clocks
  // that have used most of their budget; approvals still waiting.
  return db.$queryRawUnsafe<LateItem[]>(`
    with late as (
      select t.*, ${USED_SQL} as used from sla_timers t
      where (t.state = 'breached' and t.object_type <> 'approval')
         or (t.state = 'running' and t.due_at < now() + interval '30 days' and ${USED_SQL} >= $1)
      order by t.due_at nulls first limit ${LIMIT * 4})
    select 'container' as kind, c.id, c.name, c.id as "containerId", c.owner_id as "ownerId", u.username as "ownerName", c.severity,
      l.state, l.used, l.due_at as "dueAt", l.fired_at as "firedAt"
    from late l join containers c on c.id = l.object_id and l.object_type = 'container'
      join container_statuses s on s.name = c.status left join users u on u.id = c.owner_id
    where s.status_type <> 'closed'
    union all
    select 'task', w.id, w.name, w.container_id, w.owner_id, u.username, null, l.state, l.used, l.due_at, l.fired_at
    from late l join workbook_tasks w on w.id = l.object_id and l.object_type = 'task' left join users u on u.id = w.owner_id
    where w.status <> 1
    union all
    select 'approval', a.id, r.action || ' on ' || s.name, a.container_id, null, null, null,
      l.state, ${USED_SQL.replaceAll("t.", "l.")}, a.due_at, l.fired_at
    from approvals a join action_runs r on r.id = a.action_run_id join assets s on s.id = a.asset_id
      join sla_timers l on l.object_type = 'approval' and l.object_id = a.id
    where a.status = 'pending' and (l.state = 'breached' or (l.state = 'running' and ${USED_SQL.replaceAll("t.", "l.")} >= $1))
    order by used desc limit ${LIMIT}`, AT_RISK);
}

/** Workload per analyst: open containers they own, how many breached or at risk, their open and late tasks. */
export async function analystLoad(): Promise<AnalystLoad[]> {
  return db.$queryRawUnsafe<AnalystLoad[]>(`
    with open_c as (
      select c.id, c.owner_id from containers c join container_statuses s on s.name = c.status where s.status_type <> 'closed'
    ), c_stats as (
      select coalesce(o.owner_id, 0) as k, count(*)::int as open, count(*) filter (where t.state = 'breached')::int as breached,
        count(*) filter (where t.state = 'running' and ${USED_SQL} >= $1)::int as at_risk
      from open_c o left join sla_timers t on t.object_type = 'container' and t.object_id = o.id group by 1
    ), t_stats as (
      select coalesce(w.owner_id, 0) as k, count(*)::int as open, count(*) filter (where w.sla_breached)::int as late
      from workbook_tasks w where w.status <> 1 group by 1
    )
    -- Owner 0 stands for "nobody" so the full join can match on plain equality.
    select nullif(coalesce(c.k, t.k), 0) as "ownerId", u.username as "ownerName", coalesce(c.open, 0) as "openContainers",
      coalesce(c.breached, 0) as breached, coalesce(c.at_risk, 0) as "atRisk", coalesce(t.open, 0) as "openTasks", coalesce(t.late, 0) as "lateTasks"
    from c_stats c full join t_stats t on t.k = c.k left join users u on u.id = coalesce(c.k, t.k)
    order by coalesce(c.breached, 0) + coalesce(t.late, 0) desc, coalesce(c.at_risk, 0) desc, u.username nulls last limit ${LIMIT}`, AT_RISK);
}
