// The manager's trend: per week of arrival over the last WEEKS weeks, how many events came in,
// their mean time to acknowledge (to their first open status, open_time) and to resolve
// (close_time). One pass over those weeks' containers through the covering index on
// create_time (migration 20261123230000_dashboard_covering), so it stays an index-only scan.
import { db } from "../db/client";

export const WEEKS = 12;

export interface WeekTrend { week: Date; created: number; mttaSeconds: number | null; mttrSeconds: number | null }

export async function weeklyTrend(): Promise<WeekTrend[]> {
  const rows = await db.$queryRaw<{ week: Date; created: number; mtta: number | null; mttr: number | null }[]>`
    select date_trunc('week', create_time) as week, count(*)::int as created,
      (avg(extract(epoch from open_time - create_time)) filter (where open_time is not null))::float8 as mtta,
      (avg(extract(epoch from close_time - create_time)) filter (where close_time is not null))::float8 as mttr
    from containers
    where create_time >= date_trunc('week', now() at time zone 'utc') - make_interval(weeks => ${WEEKS - 1}) and container_type = 'default'
    group by 1 order by 1`;
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
