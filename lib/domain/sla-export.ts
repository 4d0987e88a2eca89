// The SLA dashboard as one CSV: every figure the page shows for the period, one row each, in a
// single table a spreadsheet can pivot (figure, group, then the counts that figure has).
import { toCsv } from "../csv";
import { analystLoad, approvalsWaiting } from "./sla-dashboard";
import { periodStart, slaBreakdown, slaOverTime, type Counts } from "./sla-figures";
import type { Period } from "./sla-states";

const HEADER = ["figure", "group", "breached", "at_risk", "met", "on_track", "events", "open_tasks", "overdue_tasks", "seconds", "period_start"];

export async function slaCsv(days: Period): Promise<string> {
  const since = periodStart(days);
  const [b, perDay, load, approvals] = await Promise.all([slaBreakdown(since), slaOverTime(since), analystLoad(), approvalsWaiting(0)]);
  const counts = (figure: string, group: string | null, c: Counts) => [figure, group, c.breached, c.atRisk, c.met, c.onTrack, c.total, null, null, null, since];
  const rows: unknown[][] = [
    counts("total", null, b.total),
    ["mean time to acknowledge", null, null, null, null, null, b.total.total, null, null, b.total.mttaSeconds === null ? null : Math.round(b.total.mttaSeconds), since],
    ["mean time to resolve", null, null, null, null, null, b.total.total, null, null, b.total.mttrSeconds === null ? null : Math.round(b.total.mttrSeconds), since],
    ...b.bySeverity.map((r) => counts("severity", r.name, r)),
    ...b.byLabel.map((r) => counts("label", r.name, r)),
    ...b.byOwner.map((r) => counts("owner", r.name ?? "unassigned", r)),
    ...perDay.map((d) => counts("day", d.day.toISOString().slice(0, 10), d)),
    // Workload is of the open work now, whatever the period.
    ...load.map((l) => ["workload", l.ownerName ?? "unassigned", l.breached, l.atRisk, null, null, l.openContainers, l.openTasks, l.overdueTasks, null, null]),
    ...Object.entries({ "under 1 h": approvals.ages.under_1h, "1-4 h": approvals.ages["1h_4h"], "4-24 h": approvals.ages["4h_24h"], "over a day": approvals.ages.over_1d })
      .map(([age, n]) => ["approvals waiting", age, null, null, null, null, n, null, null, null, null]),
  ];
  return toCsv(HEADER, rows);
}
