// The longest overdue open events and the approvals still waiting, on the SLA dashboard.
import Link from "next/link";
import { Empty } from "@/components/events/section";
import { Time } from "@/components/ui/time";
import type { ApprovalsWaiting, OverdueEvent } from "@/lib/domain/sla-dashboard";
import { APPROVAL_AGE_NAMES, APPROVAL_AGES } from "@/lib/schemas/approvals";
import { approvalsLink, duration, STATE_COLORS } from "./links";

const th = "px-2 py-1.5 text-left font-medium";
const td = "px-2 py-1.5";

export function OverduePanel({ rows }: { rows: OverdueEvent[] }) {
  if (rows.length === 0) return <Empty>No open event has breached its SLA.</Empty>;
  return (
    <table className="w-full text-sm" aria-label="Longest overdue open events">
      <thead><tr className="border-b border-slate-200 dark:border-slate-700"><th className={th}>Event</th><th className={th}>Severity</th><th className={th}>Owner</th><th className={th}>Overdue by</th></tr></thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} className="border-b border-slate-100 dark:border-slate-800">
            <td className={td}><Link className="link" href={`/events/${r.id}`}>#{r.id} {r.name}</Link></td>
            <td className={td}>{r.severity}</td>
            <td className={td}>{r.ownerName ?? <span className="text-slate-500">unassigned</span>}</td>
            <td className={`${td} ${STATE_COLORS.breached.text}`}>{r.dueTime ? duration(Math.max(0, Date.now() - r.dueTime.getTime()) / 1000) : "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ApprovalsPanel({ data }: { data: ApprovalsWaiting }) {
  if (data.total === 0) return <Empty>No approval is waiting.</Empty>;
  return (
    <div className="space-y-3">
      <ul className="grid grid-cols-4 gap-2 text-center text-sm" aria-label="Approvals waiting by age">
        {APPROVAL_AGES.map((age) => (
          <li key={age}>
            <Link href={approvalsLink({ status: "pending", age })} aria-label={`${data.ages[age]} approvals waiting ${APPROVAL_AGE_NAMES[age]}`}
              className="block rounded-md bg-slate-50 py-1.5 hover:bg-slate-100 dark:bg-slate-800 dark:hover:bg-slate-700">
              <span className="block text-xs text-slate-500 dark:text-slate-400">{APPROVAL_AGE_NAMES[age]}</span>
              <span className="block font-semibold tabular-nums">{data.ages[age]}</span>
            </Link>
          </li>
        ))}
      </ul>
      {data.breached > 0 && <p className="text-sm"><Link className={`link ${STATE_COLORS.breached.text}`} href={approvalsLink({ status: "pending", sla: "breached" })}>{data.breached} past their SLA</Link></p>}
      <table className="w-full text-sm" aria-label="Oldest approvals waiting">
        <thead><tr className="border-b border-slate-200 dark:border-slate-700"><th className={th}>Action</th><th className={th}>Event</th><th className={th}>Stage</th><th className={th}>Waiting since</th></tr></thead>
        <tbody>
          {data.items.map((a) => (
            <tr key={a.id} className="border-b border-slate-100 dark:border-slate-800">
              <td className={td}><Link className="link" href={approvalsLink({ status: "pending" })}>{a.action} on {a.asset}</Link></td>
              <td className={td}>{a.containerId ? <Link className="link" href={`/events/${a.containerId}`}>#{a.containerId} {a.containerName}</Link> : "—"}</td>
              <td className={td}>{a.stage === 1 ? "primary" : a.stage === 2 ? "secondary" : "executive"}</td>
              <td className={`${td} ${a.breached ? STATE_COLORS.breached.text : ""}`}><Time value={a.createdAt} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
