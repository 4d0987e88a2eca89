// Mean time to acknowledge and to resolve per week, as a plain SVG line chart (no chart library:
// two lines and twelve points), with the figures in a table for screen readers and exact reading.
import type { WeekTrend } from "@/lib/domain/sla-trends";

const W = 640;
const H = 200;
const PAD = { left: 48, right: 28, top: 12, bottom: 28 };

function hours(s: number | null): number | null {
  return s === null ? null : s / 3600;
}
function label(h: number | null): string {
  if (h === null) return "—";
  return h < 1 ? `${Math.round(h * 60)} min` : `${h.toFixed(1)} h`;
}

export function TrendChart({ weeks }: { weeks: WeekTrend[] }) {
  const series = [
    { name: "Time to acknowledge", color: "#2563eb", values: weeks.map((w) => hours(w.mttaSeconds)) },
    { name: "Time to resolve", color: "#dc2626", values: weeks.map((w) => hours(w.mttrSeconds)) },
  ];
  const max = Math.max(1, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const x = (i: number) => PAD.left + (i * (W - PAD.left - PAD.right)) / Math.max(1, weeks.length - 1);
  const y = (v: number) => PAD.top + (1 - v / max) * (H - PAD.top - PAD.bottom);
  // A week without figures breaks the line rather than drawing it to zero.
  const path = (values: (number | null)[]) => values.map((v, i) => (v === null ? "" : `${i === 0 || values[i - 1] === null ? "M" : "L"}${x(i).toFixed(1)},${y(v).toFixed(1)}`)).join(" ");
  const day = (d: Date) => d.toISOString().slice(5, 10);
  return (
    <figure className="space-y-2">
      <svg viewBox={`0 0 ${W} ${H}`} className="w-full max-w-3xl" role="img" aria-labelledby="trend-title">
        <title id="trend-title">Mean time to acknowledge and to resolve per week, in hours</title>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(max * f)} y2={y(max * f)} className="stroke-slate-200 dark:stroke-slate-700" />
            <text x={PAD.left - 6} y={y(max * f) + 4} textAnchor="end" className="fill-slate-500 text-[10px]">{label(max * f)}</text>
          </g>
        ))}
        {weeks.map((w, i) => (i % 2 === 0 || i === weeks.length - 1) && (
          <text key={i} x={x(i)} y={H - 8} textAnchor="middle" className="fill-slate-500 text-[10px]">{day(w.week)}</text>
        ))}
        {series.map((s) => (
          <g key={s.name}>
            <path d={path(s.values)} fill="none" stroke={s.color} strokeWidth={2} />
            {s.values.map((v, i) => v !== null && <circle key={i} cx={x(i)} cy={y(v)} r={3} fill={s.color}><title>{`${s.name}, week of ${day(weeks[i]!.week)}: ${label(v)}`}</title></circle>)}
          </g>
        ))}
      </svg>
      <figcaption className="flex gap-4 text-xs text-slate-600 dark:text-slate-400">
        {series.map((s) => <span key={s.name}><span className="mr-1 inline-block h-2 w-3" style={{ background: s.color }} />{s.name}</span>)}
      </figcaption>
      <details className="text-sm">
        <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Figures per week</summary>
        <table className="mt-1 text-sm" aria-label="Mean times per week">
          <thead><tr><th className="px-2 text-left">Week of</th><th className="px-2 text-left">Events</th><th className="px-2 text-left">To acknowledge</th><th className="px-2 text-left">To resolve</th></tr></thead>
          <tbody>
            {weeks.map((w) => (
              <tr key={w.week.toISOString()}><td className="px-2">{w.week.toISOString().slice(0, 10)}</td><td className="px-2">{w.created}</td><td className="px-2">{label(hours(w.mttaSeconds))}</td><td className="px-2">{label(hours(w.mttrSeconds))}</td></tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
