import type { Metadata } from "next";
import Link from "next/link";
import { Empty, Section } from "@/components/events/section";
import { ApprovalsPanel, OverduePanel } from "@/components/sla/panels";
import { Kpi } from "@/components/sla/kpis";
import { approvalsLink, duration, queueLink, STATE_COLORS } from "@/components/sla/links";
import { OverTimeChart } from "@/components/sla/over-time-chart";
import { StateTable } from "@/components/sla/state-table";
import { WorkloadTable } from "@/components/sla/workload-table";
import { TrendChart } from "@/components/sla-trend-chart";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guard";
import { analystLoad, approvalsWaiting, longestOverdue } from "@/lib/domain/sla-dashboard";
import { atRiskShare, periodStart, slaBreakdown, slaOverTime } from "@/lib/domain/sla-figures";
import { PERIODS, periodOf } from "@/lib/domain/sla-states";
import { weeklyTrend } from "@/lib/domain/sla-trends";
import { taxonomy } from "@/lib/domain/taxonomy";

export const metadata: Metadata = { title: "SLA" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const pct = (n: number, of: number) => (of ? `${Math.round((n / of) * 100)}%` : "—");

export default async function Page({ searchParams }: { searchParams: SearchParams }) {
  await requirePage("sla.read");
  const days = periodOf((await searchParams).days);
  const since = periodStart(days);
  const [b, perDay, load, overdue, approvals, trend, t, share] = await Promise.all([
    slaBreakdown(since), slaOverTime(since), analystLoad(), longestOverdue(), approvalsWaiting(), weeklyTrend(), taxonomy(), atRiskShare(),
  ]);
  const open = [...t.statuses].filter(([, type]) => type !== "closed").map(([name]) => name);
  const s = b.total;
  return (
    <>
      <PageHeader
        title="SLA"
        description={`Response SLAs of the events that arrived in the last ${days} days; at risk means its severity's share of the SLA used (${Math.round(share * 100)}% unless the severity sets its own), counted in the severity's business hours. Every figure opens the events behind it.`}
        actions={
          <div className="flex items-center gap-3 text-sm">
            <nav aria-label="Period" className="flex overflow-hidden rounded-md border border-slate-300 dark:border-slate-700">
              {PERIODS.map((p) => (
                <Link key={p} href={`/sla?days=${p}`} aria-current={p === days ? "page" : undefined}
                  className={`px-3 py-1 ${p === days ? "bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900" : "hover:bg-slate-100 dark:hover:bg-slate-800"}`}>
                  {p} days
                </Link>
              ))}
            </nav>
            <a className="link" href={`/api/sla/export?days=${days}`} download>Export CSV</a>
          </div>
        }
      />
      <div className="space-y-4">
        <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-7">
          <Kpi label="Breached" value={s.breached.toLocaleString("en")} hint={`${pct(s.breached, s.total)} of ${s.total.toLocaleString("en")} events`} href={queueLink({ sla: "breached", from: since })} tone={s.breached ? STATE_COLORS.breached.text : ""} />
          <Kpi label="At risk" value={s.atRisk.toLocaleString("en")} hint="open, due soon" href={queueLink({ sla: "at_risk", from: since })} tone={s.atRisk ? STATE_COLORS.at_risk.text : ""} />
          <Kpi label="Met" value={s.met.toLocaleString("en")} hint={`${pct(s.met, s.met + s.breached)} compliance`} href={queueLink({ sla: "met", from: since })} tone={STATE_COLORS.met.text} />
          <Kpi label="On track" value={s.onTrack.toLocaleString("en")} hint="open, within SLA" href={queueLink({ sla: "on_track", from: since })} />
          <Kpi label="Mean time to acknowledge" value={duration(s.mttaSeconds)} hint="arrival to first opened" />
          <Kpi label="Mean time to resolve" value={duration(s.mttrSeconds)} hint="arrival to closed" />
          <Kpi label="Approvals waiting" value={approvals.total} hint={approvals.oldest ? `oldest ${duration((Date.now() - approvals.oldest.getTime()) / 1000)}` : "none"} href={approvalsLink({ status: "pending" })}
            tone={approvals.breached ? STATE_COLORS.breached.text : ""} />
        </div>
        <Section title="SLA per day of arrival">
          {s.total === 0 ? <Empty>No events in this period.</Empty> : <OverTimeChart days={perDay} />}
        </Section>
        <div className="grid gap-4 2xl:grid-cols-2">
          <Section title="By severity"><StateTable title="Severity" rows={b.bySeverity} since={since} drill={(r) => ({ severity: r.key ?? undefined })} /></Section>
          <Section title="By label"><StateTable title="Label" rows={b.byLabel} since={since} drill={(r) => ({ label: r.key ?? undefined })} /></Section>
        </div>
        <Section title="By owner" count={b.byOwner.length}>
          <StateTable title="Owner" rows={b.byOwner} since={since} drill={(r) => ({ owner: r.key ? Number(r.key) : "none" })} />
        </Section>
        <Section title="Workload per analyst (open now)" count={load.length}>
          <WorkloadTable rows={load} openStatuses={open} />
        </Section>
        <div className="grid gap-4 xl:grid-cols-2">
          <Section title="Longest overdue open events" count={overdue.length}><OverduePanel rows={overdue} /></Section>
          <Section title="Approvals waiting" count={approvals.total}><ApprovalsPanel data={approvals} /></Section>
        </div>
        <Section title="Mean time to acknowledge and to resolve, per week of arrival">
          <TrendChart weeks={trend} />
        </Section>
      </div>
    </>
  );
}
