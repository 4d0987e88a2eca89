// Workload per analyst: the open events they own (breached and at risk among them) and their open
// and overdue workbook tasks. Event figures open the queue filtered to that owner.
import Link from "next/link";
import { Empty } from "@/components/events/section";
import type { AnalystLoad } from "@/lib/domain/sla-dashboard";
import { queueLink, STATE_COLORS } from "./links";

const th = "whitespace-nowrap px-2 py-1.5 text-right font-medium";
const td = "px-2 py-1.5 text-right tabular-nums";

export function WorkloadTable({ rows, openStatuses }: { rows: AnalystLoad[]; openStatuses: string[] }) {
  if (rows.length === 0) return <Empty>No open work.</Empty>;
  const max = Math.max(1, ...rows.map((r) => r.openContainers));
  return (
    <div className="overflow-x-auto">
    <table className="w-full text-sm" aria-label="Workload per analyst">
      <thead>
        <tr className="border-b border-slate-200 dark:border-slate-700">
          <th className="px-2 py-1.5 text-left font-medium">Analyst</th>
          <th className={th}>Open events</th>
          <th className="w-1/4 px-2 py-1.5"><span className="sr-only">Load</span></th>
          <th className={th}>Breached</th><th className={th}>At risk</th><th className={th}>Open tasks</th><th className={th}>Overdue tasks</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const owner = r.ownerId ?? "none";
          return (
            <tr key={r.ownerId ?? 0} className="border-b border-slate-100 dark:border-slate-800">
              <td className="px-2 py-1.5">{r.ownerName ?? <span className="text-slate-500">unassigned</span>}</td>
              <td className={td}><Link className="hover:underline" href={queueLink({ owner, status: openStatuses })}>{r.openContainers.toLocaleString("en")}</Link></td>
              <td className="px-2 py-1.5">
                <div className="h-2 rounded-sm bg-slate-100 dark:bg-slate-800" aria-hidden="true">
                  <div className="h-2 rounded-sm bg-slate-500" style={{ width: `${(r.openContainers / max) * 100}%` }} />
                </div>
              </td>
              <td className={`${td} ${r.breached ? `font-semibold ${STATE_COLORS.breached.text}` : ""}`}>
                {r.breached ? <Link className="hover:underline" href={queueLink({ owner, sla: "breached", status: openStatuses })}>{r.breached.toLocaleString("en")}</Link> : 0}
              </td>
              <td className={`${td} ${r.atRisk ? STATE_COLORS.at_risk.text : ""}`}>
                {r.atRisk ? <Link className="hover:underline" href={queueLink({ owner, sla: "at_risk" })}>{r.atRisk.toLocaleString("en")}</Link> : 0}
              </td>
              <td className={td}>{r.openTasks}</td>
              <td className={`${td} ${r.overdueTasks ? `font-semibold ${STATE_COLORS.breached.text}` : ""}`}>{r.overdueTasks}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
    </div>
  );
}
