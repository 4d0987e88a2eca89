// Figures for the Home dashboard. Everything is computed in PostgreSQL from indexes that cover
// it (migration 20261123210000_search): open events by severity and status count the partial
// index of open containers; events over time and the mean times read a covering index of the
// last 30 days. With a million containers those aggregates still cost tens of milliseconds, and
// every analyst's browser lands on Home, so the shared summary is computed at most once per
// TTL per process and served stale while a refresh runs. "My queue" is per user, small and
// indexed, so it is read fresh on every request.
import { Prisma } from "@prisma/client";
import { db } from "../db/client";

/** How long the shared summary is served without recomputing it. */
export const SUMMARY_TTL_MS = 30_000;
/** Past this age a stale summary is not served at all; the request waits for a fresh one. */
const STALE_LIMIT_MS = 10 * 60_000;
export const WINDOW_DAYS = 30;

export interface SeverityStatusCount {
  severity: string;
  status: string;
  count: number;
}

export interface DayCount {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  bySeverity: Record<string, number>;
  total: number;
}

export interface MeanTime {
  /** Mean seconds, or null when no event in the window got there. */
  seconds: number | null;
  /** How many events the mean is over. */
  count: number;
}

export interface DashboardSummary {
  asOf: Date;
  open: SeverityStatusCount[];
  openEvents: number;
  openCases: number;
  last24h: number;
  days: DayCount[];
  mtta: MeanTime;
  mttr: MeanTime;
}

const SINCE = Prisma.sql`((now() at time zone 'utc') - ${`${WINDOW_DAYS} days`}::interval)`;

/**
 * Time to acknowledge: from creation to the first change to an open (or closed) status or the
 * first owner assignment, whichever came first, read from the audit trail; open_time covers
 * events created already open and those loaded without an audit trail. Time to resolve: from
 * creation to close_time. Both over the events created in the last WINDOW_DAYS days.
 */
async function meanTimes(): Promise<{ mtta: MeanTime; mttr: MeanTime }> {
  const rows = await db.$queryRaw<{ acked: number; mtta: number | null; resolved: number; mttr: number | null }[]>`
    with w as (
      select id, create_time, open_time, close_time from containers
      where create_time >= ${SINCE} and container_type = 'default'
    ), ack as (
      select a.container_id, min(a.at) as at from audit_log a
      where a.at >= ${SINCE} and a.action in ('container.status', 'container.update') and a.container_id is not null
        and ((a.action = 'container.status' and a.detail ->> 'status' in (
               select name from container_statuses where status_type in ('open', 'closed')))
             or a.detail ->> 'owner_id' is not null)
      group by a.container_id
    ), x as (
      select w.create_time, w.close_time, least(w.open_time, ack.at) as acked_at
      from w left join ack on ack.container_id = w.id
    )
    select count(acked_at)::int as acked,
      avg(extract(epoch from acked_at - create_time))::float8 as mtta,
      count(close_time)::int as resolved,
      avg(extract(epoch from close_time - create_time))::float8 as mttr
    from x`;
  const r = rows[0]!;
  return { mtta: { seconds: r.mtta, count: r.acked }, mttr: { seconds: r.mttr, count: r.resolved } };
}

async function openCounts() {
  const rows = await db.$queryRaw<{ type: string; severity: string; status: string; count: number }[]>`
    select container_type as type, severity, status, count(*)::int as count
    from containers where close_time is null group by 1, 2, 3`;
  const open = rows.filter((r) => r.type === "default").map(({ severity, status, count }) => ({ severity, status, count }));
  return {
    open,
    openEvents: open.reduce((n, r) => n + r.count, 0),
    openCases: rows.filter((r) => r.type === "case").reduce((n, r) => n + r.count, 0),
  };
}

async function eventsOverTime(): Promise<{ days: DayCount[]; last24h: number }> {
  const rows = await db.$queryRaw<{ day: string; severity: string; count: number }[]>`
    select to_char(date_trunc('day', create_time), 'YYYY-MM-DD') as day, severity, count(*)::int as count
    from containers where create_time >= date_trunc('day', ${SINCE}) and container_type = 'default'
    group by 1, 2`;
  const last = await db.$queryRaw<{ n: number }[]>`
    select count(*)::int as n from containers
    where create_time >= (now() at time zone 'utc') - interval '24 hours' and container_type = 'default'`;
  const byDay = new Map<string, DayCount>();
  const today = new Date();
  for (let i = WINDOW_DAYS; i >= 0; i--) {
    const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - i)).toISOString().slice(0, 10);
    byDay.set(day, { day, bySeverity: {}, total: 0 });
  }
  for (const r of rows) {
    const d = byDay.get(r.day);
    if (!d) continue;
    d.bySeverity[r.severity] = (d.bySeverity[r.severity] ?? 0) + r.count;
    d.total += r.count;
  }
  return { days: [...byDay.values()], last24h: last[0]!.n };
}

async function computeSummary(): Promise<DashboardSummary> {
  const [open, time, means] = await Promise.all([openCounts(), eventsOverTime(), meanTimes()]);
  return { asOf: new Date(), ...open, ...time, ...means };
}

// One cache per process, shared by every module instance Next.js may create.
const holder = globalThis as unknown as { vigilDashboard?: { at: number; value: Promise<DashboardSummary>; refreshing: boolean } };

/** The shared dashboard figures; `fresh` skips the cache (tests, and the refresh itself). */
export async function dashboardSummary(opts: { fresh?: boolean } = {}): Promise<DashboardSummary> {
  const entry = holder.vigilDashboard;
  const age = entry ? Date.now() - entry.at : Infinity;
  if (!opts.fresh && entry && age < SUMMARY_TTL_MS) return entry.value;
  if (!opts.fresh && entry && age < STALE_LIMIT_MS) {
    if (!entry.refreshing) {
      entry.refreshing = true;
      const next = computeSummary();
      next.then(
        () => (holder.vigilDashboard = { at: Date.now(), value: next, refreshing: false }),
        () => (entry.refreshing = false),
      );
    }
    return entry.value;
  }
  const value = computeSummary();
  holder.vigilDashboard = { at: Date.now(), value, refreshing: false };
  // A failed computation must not be served from the cache.
  value.catch(() => {
    if (holder.vigilDashboard?.value === value) holder.vigilDashboard = undefined;
  });
  return value;
}

export interface QueueItem {
  id: number;
  name: string;
  label: string;
  severity: string;
  status: string;
  containerType: string;
  createdAt: Date;
  dueTime: Date | null;
}

/**
 * Open containers owned by the user, most urgent first: overdue, then due soonest, then the
 * most severe (severities rank by position), then newest; and how many there are in all.
 */
export async function myQueue(userId: number, limit = 8): Promise<{ items: QueueItem[]; total: number }> {
  const [items, total] = await Promise.all([
    db.$queryRaw<QueueItem[]>`
      select c.id, c.name, c.label, c.severity, c.status, c.container_type as "containerType",
        c.create_time as "createdAt", c.due_time as "dueTime"
      from containers c left join severities s on s.name = c.severity
      where c.owner_id = ${userId} and c.close_time is null
      order by c.due_time asc nulls last, s.position desc nulls last, c.create_time desc limit ${limit}`,
    db.$queryRaw<{ n: number }[]>`select count(*)::int as n from containers where owner_id = ${userId} and close_time is null`,
  ]);
  return { items, total: total[0]!.n };
}
