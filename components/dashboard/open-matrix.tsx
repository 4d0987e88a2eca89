import Link from "next/link";
import { SeverityBadge } from "@/components/events/badges";
import type { SeverityStatusCount } from "@/lib/domain/dashboard";
import { number, severityOrder } from "./format";

/** Open events as a severity × status table; each figure opens the queue filtered to it. */
export function OpenMatrix({ open }: { open: SeverityStatusCount[] }) {
  if (!open.length) {
    return <p className="py-6 text-center text-sm text-slate-500 dark:text-slate-400">No open events. The queue is clear.</p>;
  }
  const severities = severityOrder(open.map((o) => o.severity)).filter((s) => open.some((o) => o.severity === s));
  const statuses = [...new Set(open.map((o) => o.status))].sort((a, b) => (a === "new" ? -1 : b === "new" ? 1 : a.localeCompare(b)));
  const cell = (sev: string, st: string) => open.find((o) => o.severity === sev && o.status === st)?.count ?? 0;
  const href = (q: Record<string, string>) => `/events?${new URLSearchParams({ type: "default", ...q })}`;
  return (
    <table className="w-full text-sm">
      <thead>
        <tr className="text-left text-xs text-slate-500 dark:text-slate-400">
          <th scope="col" className="pb-2 font-medium">Severity</th>
          {statuses.map((st) => <th key={st} scope="col" className="pb-2 text-right font-medium">{st}</th>)}
          <th scope="col" className="pb-2 text-right font-medium">All open</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
        {severities.map((sev) => (
          <tr key={sev}>
            <th scope="row" className="py-2 text-left font-normal"><SeverityBadge value={sev} /></th>
            {statuses.map((st) => (
              <td key={st} className="py-2 text-right tabular-nums">
                {cell(sev, st) ? (
                  <Link className="link" href={href({ severity: sev, status: st })}>{number(cell(sev, st))}</Link>
                ) : <span className="text-slate-400">0</span>}
              </td>
            ))}
            <td className="py-2 text-right font-medium tabular-nums">
              {number(statuses.reduce((n, st) => n + cell(sev, st), 0))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
