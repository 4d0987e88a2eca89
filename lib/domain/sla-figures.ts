// The manager's SLA dashboard: breached, at risk, met and on track among the containers that
// arrived in a period, by severity, label, owner and day, with the mean times to acknowledge and
// resolve. Read from sla_rollup (counts kept by triggers, migration 20261204300000_sla_dashboard)
// plus a live count of "at risk" over the open, unbreached backlog, so a 90-day period costs the
// same at a million containers as at a thousand (`npm run bench:sla`, docs/benchmarks.md).
//
// A container's response SLA is read from its own columns, which the SLA clock keeps (the
// timer sets sla_breached when it fires; pausing clears due_time, resuming sets it again):
//   breached   the clock ran out (whether the container is still open or was closed late)
//   met        closed and never breached
//   at risk    open, not breached, and its at-risk instant has passed: the severity's share (the
//              installation's default, 80%, unless the severity has its own) of its SLA used,
//              counted in the severity's business-hours calendar like the due time and the
//              owner's warning (lib/domain/sla-at-risk.ts): the same instant, stored per container
//              as risk_time by triggers when the due time is set or moved (migration
//              20261205200000_sla_risk_time), so counting it is an index range, not a clock
//              reading per row
//   on track   open, not breached, not at risk (or paused: no due time)
import { Prisma } from "@prisma/client";
import { db } from "../db/client";
import type { Period, SlaState } from "./sla-states";
import { taxonomy } from "./taxonomy";

const NOW = "(now() at time zone 'utc')";
/** The default at-risk share (notification_settings.at_risk_percent, 80 by default), read once per statement. */
const DEFAULT_SHARE_SQL = "coalesce((select at_risk_percent / 100.0 from notification_settings where id = 1), 0.8)::float8";
/** A container (alias c) past its at-risk instant; "at risk" when also open and unbreached. */
export const RISK_PASSED_SQL = `c.risk_time <= ${NOW}`;
const AT_RISK_SQL = `c.close_time is null and not c.sla_breached and ${RISK_PASSED_SQL}`;

/** The condition selecting containers (alias c) in one SLA state: the queue's `sla` filter. */
export function slaCondition(state: SlaState): Prisma.Sql {
  switch (state) {
    case "breached": return Prisma.sql`c.sla_breached`;
    case "met": return Prisma.sql`(c.close_time is not null and not c.sla_breached)`;
    case "at_risk": return Prisma.raw(`(${AT_RISK_SQL})`);
    case "on_track": return Prisma.raw(`(c.close_time is null and not c.sla_breached and (c.risk_time is null or c.risk_time > ${NOW}))`);
  }
}

export interface Counts { breached: number; atRisk: number; met: number; onTrack: number; total: number }
export interface GroupCounts extends Counts { key: string | null; name: string | null }
export interface Breakdown {
  since: Date;
  total: Counts & { mttaSeconds: number | null; mttrSeconds: number | null };
  bySeverity: GroupCounts[];
  byLabel: GroupCounts[];
  byOwner: GroupCounts[];
}

/** A period of `days` days: today (UTC) and the days before it, from midnight UTC. */
export function periodStart(days: Period, now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (days - 1)));
}

// grouping(severity, label, owner_id) sets a bit per column left out of the grouping set.
const BY_SEVERITY = 3;
const BY_LABEL = 5;
const BY_OWNER = 6;
const ALL = 7;

interface Row { dim: number; severity: string | null; label: string | null; owner_id: number | null; events: number; breached: number; met: number; open: number; at_risk: number; tta: number | null; ttr: number | null }

/**
 * Breached, at risk, met and on track among the containers that arrived since `since`: in total,
 * by severity, by label and by owner, with the period's mean times to acknowledge and resolve.
 */
export async function slaBreakdown(since: Date): Promise<Breakdown> {
  const rows = await db.$queryRawUnsafe<Row[]>(`
    with r as (
      select severity, label, owner_id, events, breached, met, open, 0 as at_risk, tta_sum, tta_n, ttr_sum, ttr_n
      from sla_rollup where day >= $1::date
      union all
      select c.severity, c.label, c.owner_id, 0, 0, 0, 0, 1, 0, 0, 0, 0
      from containers c where c.create_time >= $1::timestamp and ${AT_RISK_SQL}
    )
    select grouping(severity, label, owner_id) as dim, severity, label, owner_id,
      sum(events)::int as events, sum(breached)::int as breached, sum(met)::int as met, sum(open)::int as open, sum(at_risk)::int as at_risk,
      (sum(tta_sum) / nullif(sum(tta_n), 0))::float8 as tta, (sum(ttr_sum) / nullif(sum(ttr_n), 0))::float8 as ttr
    from r group by grouping sets ((severity), (label), (owner_id), ())`, isoDay(since));
  const users = new Map((await db.$queryRaw<{ id: number; username: string }[]>`
    select id, username from users where id = any(${rows.filter((r) => r.dim === BY_OWNER && r.owner_id !== null).map((r) => r.owner_id!)}::int[])`)
    .map((u) => [u.id, u.username]));
  const counts = (r: Row): Counts => ({ breached: r.breached, atRisk: r.at_risk, met: r.met, onTrack: r.open - r.at_risk, total: r.events });
  const pick = (dim: number, key: (r: Row) => string | null, name: (r: Row) => string | null) => rows
    .filter((r) => r.dim === dim && r.events > 0).map((r) => ({ key: key(r), name: name(r), ...counts(r) }))
    .sort((a, b) => b.breached - a.breached || b.total - a.total);
  const all = rows.find((r) => r.dim === ALL && r.events > 0);
  // Most severe first (severities rank by position, least severe first).
  const ranks = (await taxonomy()).severities;
  return {
    since,
    total: { ...(all ? counts(all) : { breached: 0, atRisk: 0, met: 0, onTrack: 0, total: 0 }), mttaSeconds: all?.tta ?? null, mttrSeconds: all?.ttr ?? null },
    bySeverity: pick(BY_SEVERITY, (r) => r.severity, (r) => r.severity).sort((a, b) => ranks.indexOf(b.key ?? "") - ranks.indexOf(a.key ?? "")),
    byLabel: pick(BY_LABEL, (r) => r.label, (r) => r.label),
    byOwner: pick(BY_OWNER, (r) => (r.owner_id === null ? null : String(r.owner_id)), (r) => (r.owner_id === null ? null : users.get(r.owner_id) ?? `user ${r.owner_id}`)),
  };
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export interface DayCounts extends Counts { day: Date }

/** The same states per day of arrival (UTC days), every day of the period present. */
export async function slaOverTime(since: Date): Promise<DayCounts[]> {
  const rows = await db.$queryRawUnsafe<{ day: string; events: number; breached: number; met: number; open: number; at_risk: number }[]>(`
    select day::text as day, sum(events)::int as events, sum(breached)::int as breached, sum(met)::int as met, sum(open)::int as open, sum(at_risk)::int as at_risk
    from (
      select day, events, breached, met, open, 0 as at_risk from sla_rollup where day >= $1::date
      union all
      select c.create_time::date, 0, 0, 0, 0, 1 from containers c where c.create_time >= $1::timestamp and ${AT_RISK_SQL}
    ) r group by 1`, isoDay(since));
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const today = Date.now();
  const out: DayCounts[] = [];
  for (let t = since.getTime(); t <= today; t += 86_400_000) {
    const day = new Date(t);
    const r = byDay.get(isoDay(day));
    out.push(r
      ? { day, breached: r.breached, atRisk: r.at_risk, met: r.met, onTrack: r.open - r.at_risk, total: r.events }
      : { day, breached: 0, atRisk: 0, met: 0, onTrack: 0, total: 0 });
  }
  return out;
}

/** The default share of an SLA used from which it counts as at risk (0.8 unless an administrator set another). */
export async function atRiskShare(): Promise<number> {
  const [row] = await db.$queryRawUnsafe<{ share: number }[]>(`select ${DEFAULT_SHARE_SQL} as share`);
  return row?.share ?? 0.8;
}

/** Folds sla_rollup's deltas into one row per key; the worker calls it now and then. */
export async function compactSlaRollup(): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`select vigil_sla_rollup_compact() as n`;
  return row?.n ?? 0;
}
