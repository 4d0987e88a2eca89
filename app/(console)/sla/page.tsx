import type { Metadata } from "next";
import Link from "next/link";
import { Empty, Section } from "@/components/events/section";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/ui/time";
import { requirePage } from "@/lib/auth/guard";
import { AT_RISK, analystLoad, lateItems, type LateItem } from "@/lib/domain/sla-dashboard";

export const metadata: Metadata = { title: "SLA" };

const th = "px-2 py-1.5 text-left font-medium";
const td = "px-2 py-1.5";

// Every figure drills down to the event behind it (an approval to the event its action works on).
function link(i: LateItem): string {
  if (i.kind === "approval") return i.containerId ? `/events/${i.containerId}` : "/approvals";
  return `/events/${i.containerId}${i.kind === "task" ? "#workbook" : ""}`;
}

export default async function Page() {
  await requirePage("sla.read");
  const [items, load] = await Promise.all([lateItems(), analystLoad()]);
  const breached = items.filter((i) => i.state === "breached");
  return (
    <>
      <PageHeader title="SLA" description={`Who is late: SLAs breached, and at risk (${Math.round(AT_RISK * 100)}% of the time used), for events, workbook tasks and approvals.`} />
      <div className="space-y-4">
        <Section title="Late and at risk" count={items.length}>
          {items.length === 0 ? <Empty>Nothing is late.</Empty> : (
            <table className="w-full text-sm">
              <thead><tr className="border-b border-slate-200 dark:border-slate-700"><th className={th}>What</th><th className={th}>Name</th><th className={th}>Owner</th><th className={th}>SLA</th><th className={th}>Due</th></tr></thead>
              <tbody>
                {items.map((i) => (
                  <tr key={`${i.kind}-${i.id}`} className="border-b border-slate-100 dark:border-slate-800">
                    <td className={td}>{i.kind === "container" ? "Event" : i.kind === "task" ? "Task" : "Approval"}</td>
                    <td className={td}><Link className="link" href={link(i)}>{i.kind === "container" ? `#${i.id} ` : ""}{i.name}</Link></td>
                    <td className={td}>{i.ownerName ?? <span className="text-slate-500">unassigned</span>}</td>
                    <td className={td}>{i.state === "breached"
                      ? <span className="font-semibold text-red-700 dark:text-red-400">breached</span>
                      : <span className="text-amber-700 dark:text-amber-400">at risk · {Math.round(i.used * 100)}% used</span>}</td>
                    <td className={td}>{i.dueAt ? <Time value={i.dueAt} /> : i.firedAt ? <Time value={i.firedAt} /> : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="mt-2 text-xs text-slate-500">{breached.length} breached, {items.length - breached.length} at risk.</p>
        </Section>
        <Section title="Per analyst" count={load.length}>
          {load.length === 0 ? <Empty>No open work.</Empty> : (
            <table className="w-full text-sm">
              <thead><tr className="border-b border-slate-200 dark:border-slate-700"><th className={th}>Analyst</th><th className={th}>Open events</th><th className={th}>Breached</th><th className={th}>At risk</th><th className={th}>Open tasks</th><th className={th}>Late tasks</th></tr></thead>
              <tbody>
                {load.map((l) => (
                  <tr key={l.ownerId ?? 0} className="border-b border-slate-100 dark:border-slate-800">
                    <td className={td}>{l.ownerId ? <Link className="link" href={`/events?owner=${l.ownerId}`}>{l.ownerName}</Link> : <span className="text-slate-500">unassigned</span>}</td>
                    <td className={td}>{l.openContainers}</td>
                    <td className={`${td} ${l.breached ? "font-semibold text-red-700 dark:text-red-400" : ""}`}>{l.breached}</td>
                    <td className={td}>{l.atRisk}</td>
                    <td className={td}>{l.openTasks}</td>
                    <td className={`${td} ${l.lateTasks ? "font-semibold text-red-700 dark:text-red-400" : ""}`}>{l.lateTasks}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Section>
      </div>
    </>
  );
}
