// The manager's trend: per week of arrival over the last WEEKS weeks, how many events came in,
// their mean time to acknowledge (to their first open status, open_time) and to resolve
// (close_time). Read from the per-day counts of sla_rollup (migration
// 20261204300000_sla_dashboard), not the containers themselves: twelve weeks are most of a
// million containers, a second of scanning, and a few thousand rollup rows.
import { db } from "../db/client";

export const WEEKS = 12;

export interface WeekTrend { week: Date; created: number; mttaSeconds: number | null; mttrSeconds: number | null }

export async function weeklyTrend(): Promise<WeekTrend[]> {
  const rows = await db.$queryRaw<{ week: Date; created: number; mtta: number | null; mttr: number | null }[]>`
    select date_trunc('week', day)::timestamp as week, sum(events)::int as created,
      (sum(tta_sum) / nullif(sum(tta_n), 0))::float8 as mtta, (sum(ttr_sum) / nullif(sum(ttr_n), 0))::float8 as mttr
    from sla_rollup
    where day >= date_trunc('week', now() at time zone 'utc') - make_interval(weeks => ${WEEKS - 1}) and container_type = 'default'
    group by 1 having sum(events) > 0 order by 1`;
  const byWeek = new Map(rows.map((r) => [r.week.getTime(), r]));
  const [first] = await db.$queryRaw<{ start: Date }[]>`
    select date_trunc('week', now() at time zone 'utc') - make_interval(weeks => ${WEEKS - 1}) as start`;
  const start = first!.start;
  // Every week, including those with no events (a gap in the line, not a missing point).
  return Array.from({ length: WEEKS }, (_, i) => {
    const week = new Date(start.getTime() + i * 7 * 86_400_000);
    const r = byWeek.get(week.getTime());
    return { week, created: r?.created ?? 0, mttaSeconds: r?.mtta ?? null, mttrSeconds: r?.mttr ?? null };
  });
}
