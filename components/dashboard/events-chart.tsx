import type { DayCount } from "@/lib/domain/dashboard";
import { number, OTHER_FILL, SEVERITY_FILL, SEVERITY_SWATCH, severityOrder } from "./format";

const W = 640;
const H = 180;
const PAD = { left: 40, right: 8, top: 8, bottom: 22 };

/** "Nice" axis maximum: 1, 2 or 5 times a power of ten at or above the data's maximum. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 4, 5, 10].map((m) => m * p).find((v) => v >= max))!;
}

/**
 * Events per UTC day, stacked by severity: hand-drawn SVG, so the dashboard ships no chart
 * library. It scales with its container's width; every bar has a title for pointer and screen
 * reader, and the table below the chart (visually hidden) gives the same figures.
 */
export function EventsChart({ days }: { days: DayCount[] }) {
  const severities = severityOrder(days.flatMap((d) => Object.keys(d.bySeverity)));
  const max = niceMax(Math.max(...days.map((d) => d.total)));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const slot = innerW / days.length;
  const bar = Math.max(2, slot * 0.7);
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  // Counts are whole numbers: a middle line only where it falls on one.
  const ticks = max % 2 === 0 ? [0, max / 2, max] : [0, max];
  return (
    <figure>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={`Events per day over the last ${days.length} days`}>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} className="stroke-slate-200 dark:stroke-slate-700" strokeWidth={1} />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" className="fill-slate-500 text-[10px] dark:fill-slate-400">
              {number(Math.round(t))}
            </text>
          </g>
        ))}
        {days.map((d, i) => {
          let top = y(0);
          const x = PAD.left + i * slot + (slot - bar) / 2;
          return (
            <g key={d.day}>
              <title>{`${d.day}: ${number(d.total)} events${severities.filter((s) => d.bySeverity[s]).map((s) => `, ${s} ${number(d.bySeverity[s]!)}`).join("")}`}</title>
              {[...severities].reverse().map((s) => {
                const v = d.bySeverity[s] ?? 0;
                if (!v) return null;
                const h = (v / max) * innerH;
                top -= h;
                return <rect key={s} x={x} y={top} width={bar} height={h} className={SEVERITY_FILL[s] ?? OTHER_FILL} />;
              })}
              {(i % 7 === days.length % 7 || i === days.length - 1) && (
                <text x={x + bar / 2} y={H - 6} textAnchor="middle" className="fill-slate-500 text-[10px] dark:fill-slate-400">
                  {d.day.slice(5)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="mt-2 flex flex-wrap gap-3 text-xs text-slate-600 dark:text-slate-400">
        {severities.filter((s) => days.some((d) => d.bySeverity[s])).map((s) => (
          <span key={s} className="inline-flex items-center gap-1">
            <span className={`inline-block h-2.5 w-2.5 rounded-sm ${SEVERITY_SWATCH[s] ?? "bg-slate-400"}`} aria-hidden="true" />
            {s}
          </span>
        ))}
        <span className="ml-auto">UTC days</span>
      </figcaption>
      {/* A table ignores the 1 px height of sr-only and would lengthen the page: the div clips it. */}
      <div className="sr-only">
        <table>
          <caption>Events per day</caption>
          <thead><tr><th>Day</th><th>Events</th></tr></thead>
          <tbody>{days.map((d) => <tr key={d.day}><td>{d.day}</td><td>{d.total}</td></tr>)}</tbody>
        </table>
      </div>
    </figure>
  );
}
