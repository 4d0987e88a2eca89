// Breached, at risk, met and on track per day of arrival, as stacked columns in plain SVG (no
// chart library: a server component with no client JavaScript, whose every column segment is a
// link to the queue filtered to that day and state). The figures are also in a table below.
import { SLA_STATES, SLA_STATE_NAMES, type SlaState } from "@/lib/domain/sla-states";
import type { DayCounts } from "@/lib/domain/sla-figures";
import { queueLink, STATE_COLORS } from "./links";

const W = 760;
const H = 220;
const PAD = { left: 44, right: 8, top: 10, bottom: 26 };
const KEYS: Record<SlaState, "breached" | "atRisk" | "met" | "onTrack"> = { breached: "breached", at_risk: "atRisk", met: "met", on_track: "onTrack" };
const day = (d: Date) => d.toISOString().slice(5, 10);

/** A round top for the axis at or above n whose half is a whole number too (ticks 0, half, top). */
function niceCeil(n: number): number {
  if (n <= 2) return 2;
  const p = 10 ** Math.floor(Math.log10(n));
  return [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((m) => m * p).find((v) => v >= n && Number.isInteger(v / 2)) ?? 10 * p;
}

export function OverTimeChart({ days }: { days: DayCounts[] }) {
  const max = niceCeil(Math.max(...days.map((d) => d.total)));
  const step = (W - PAD.left - PAD.right) / Math.max(1, days.length);
  const bar = Math.max(2, step * 0.75);
  const y = (v: number) => PAD.top + (1 - v / max) * (H - PAD.top - PAD.bottom);
  const every = Math.ceil(days.length / 12);
  return (
    <figure className="space-y-2">
      <svg viewBox={`0 0 ${W} ${H}`} className="w-full" role="img" aria-labelledby="sla-days-title">
        <title id="sla-days-title">Events per day of arrival by SLA state: breached, at risk, met, on track</title>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(max * f)} y2={y(max * f)} className="stroke-slate-200 dark:stroke-slate-700" />
            <text x={PAD.left - 6} y={y(max * f) + 4} textAnchor="end" className="fill-slate-500 text-[10px]">{Math.round(max * f).toLocaleString("en")}</text>
          </g>
        ))}
        {days.map((d, i) => {
          const x = PAD.left + i * step + (step - bar) / 2;
          const to = new Date(d.day.getTime() + 86_400_000);
          let acc = 0;
          return (
            <g key={d.day.toISOString()}>
              {SLA_STATES.map((s) => {
                const v = d[KEYS[s]];
                if (!v) return null;
                const top = y(acc + v);
                const h = y(acc) - top;
                acc += v;
                return (
                  <a key={s} href={queueLink({ sla: s, from: d.day, to })}>
                    <rect x={x} y={top} width={bar} height={Math.max(h, 0.5)} fill={STATE_COLORS[s].fill}>
                      <title>{`${day(d.day)}: ${v.toLocaleString("en")} ${SLA_STATE_NAMES[s].toLowerCase()}`}</title>
                    </rect>
                  </a>
                );
              })}
              {(i % every === 0 || i === days.length - 1) && (
                <text x={x + bar / 2} y={H - 8} textAnchor="middle" className="fill-slate-500 text-[10px]">{day(d.day)}</text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="flex flex-wrap gap-4 text-xs text-slate-600 dark:text-slate-400">
        {SLA_STATES.map((s) => <span key={s}><span className="mr-1 inline-block h-2 w-3" style={{ background: STATE_COLORS[s].fill }} />{SLA_STATE_NAMES[s]}</span>)}
      </figcaption>
      <details className="text-sm">
        <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Figures per day</summary>
        <table className="mt-1 text-sm" aria-label="SLA per day">
          <thead><tr><th className="px-2 text-left">Day (UTC)</th>{SLA_STATES.map((s) => <th key={s} className="px-2 text-right">{SLA_STATE_NAMES[s]}</th>)}<th className="px-2 text-right">Events</th></tr></thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day.toISOString()}>
                <td className="px-2">{d.day.toISOString().slice(0, 10)}</td>
                {SLA_STATES.map((s) => <td key={s} className="px-2 text-right tabular-nums">{d[KEYS[s]]}</td>)}
                <td className="px-2 text-right tabular-nums">{d.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
