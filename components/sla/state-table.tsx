// Breached, at risk, met and on track per severity, label or owner: one row each with a stacked
// bar (plain SVG: the bar is decoration for a glance, the linked numbers beside it are the
// figures, so screen readers and exact readers lose nothing) and every number a drill-down.
import Link from "next/link";
import type { GroupCounts } from "@/lib/domain/sla-figures";
import { SLA_STATES, SLA_STATE_NAMES, type SlaState } from "@/lib/domain/sla-states";
import { queueLink, STATE_COLORS, type Drill } from "./links";

const KEYS: Record<SlaState, "breached" | "atRisk" | "met" | "onTrack"> = { breached: "breached", at_risk: "atRisk", met: "met", on_track: "onTrack" };
const th = "whitespace-nowrap px-2 py-1.5 text-right font-medium";
const td = "px-2 py-1.5 text-right tabular-nums";

function Bar({ row }: { row: GroupCounts }) {
  let x = 0;
  return (
    <svg viewBox="0 0 100 10" preserveAspectRatio="none" className="h-3 w-full min-w-24 rounded-sm bg-slate-100 dark:bg-slate-800" aria-hidden="true">
      {SLA_STATES.map((s) => {
        const w = row.total ? (row[KEYS[s]] / row.total) * 100 : 0;
        const rect = <rect key={s} x={x} width={w} height={10} fill={STATE_COLORS[s].fill} />;
        x += w;
        return rect;
      })}
    </svg>
  );
}

export function StateTable({ title, rows, drill, since }: { title: string; rows: GroupCounts[]; drill: (r: GroupCounts) => Drill; since: Date }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">No events in this period.</p>;
  return (
    <div className="overflow-x-auto">
    <table className="w-full text-sm" aria-label={`SLA by ${title.toLowerCase()}`}>
      <thead>
        <tr className="border-b border-slate-200 dark:border-slate-700">
          <th className="px-2 py-1.5 text-left font-medium">{title}</th>
          <th className="w-1/4 px-2 py-1.5 font-medium"><span className="sr-only">Share</span></th>
          {SLA_STATES.map((s) => <th key={s} className={th}>{SLA_STATE_NAMES[s]}</th>)}
          <th className={th}>Events</th>
          <th className={th}>Met %</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const base = { ...drill(r), from: since };
          const closed = r.met + r.breached;
          return (
            <tr key={r.key ?? "none"} className="border-b border-slate-100 dark:border-slate-800">
              <td className="px-2 py-1.5">{r.name ?? <span className="text-slate-500">unassigned</span>}</td>
              <td className="px-2 py-1.5"><Bar row={r} /></td>
              {SLA_STATES.map((s) => (
                <td key={s} className={`${td} ${r[KEYS[s]] && s !== "on_track" ? STATE_COLORS[s].text : ""} ${s === "breached" && r.breached ? "font-semibold" : ""}`}>
                  {r[KEYS[s]] ? <Link className="hover:underline" href={queueLink({ ...base, sla: s })}>{r[KEYS[s]].toLocaleString("en")}</Link> : <span className="text-slate-400">0</span>}
                </td>
              ))}
              <td className={td}><Link className="hover:underline" href={queueLink(base)}>{r.total.toLocaleString("en")}</Link></td>
              <td className={td}>{closed ? `${Math.round((r.met / closed) * 100)}%` : "—"}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
    </div>
  );
}
