// Small labels shared by the queue, the investigation page and cases. Colour is never the only
// cue: each badge carries its word.
const SEVERITY: Record<string, string> = {
  high: "bg-red-100 text-red-800 dark:bg-red-900/50 dark:text-red-200",
  medium: "bg-orange-100 text-orange-800 dark:bg-orange-900/40 dark:text-orange-200",
  low: "bg-yellow-100 text-yellow-800 dark:bg-yellow-900/40 dark:text-yellow-200",
};
const STATUS: Record<string, string> = {
  new: "bg-sky-100 text-sky-800 dark:bg-sky-900/50 dark:text-sky-200",
  open: "bg-violet-100 text-violet-800 dark:bg-violet-900/50 dark:text-violet-200",
  closed: "bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200",
};
const TLP: Record<string, string> = {
  white: "border border-slate-300 text-slate-700 dark:border-slate-500 dark:text-slate-200",
  green: "bg-green-100 text-green-800 dark:bg-green-900/50 dark:text-green-200",
  amber: "bg-amber-100 text-amber-800 dark:bg-amber-900/50 dark:text-amber-200",
  red: "bg-red-600 text-white",
};
const OTHER = "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200";

function Pill({ tone, children, title }: { tone: string; children: string; title?: string }) {
  return <span title={title} className={`inline-block whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ${tone}`}>{children}</span>;
}

export const SeverityBadge = ({ value }: { value: string }) => <Pill tone={SEVERITY[value] ?? OTHER} title="Severity">{value}</Pill>;
export const StatusBadge = ({ value }: { value: string }) => <Pill tone={STATUS[value] ?? OTHER} title="Status">{value}</Pill>;
export const TlpBadge = ({ value }: { value: string }) => <Pill tone={TLP[value] ?? OTHER} title="Sensitivity (TLP)">{`TLP:${value.toUpperCase()}`}</Pill>;

/** "in 3 h", "2 d ago": the time left to a due time, or how late it is. */
export function timeLeft(due: Date | string | null, now = Date.now()): { text: string; late: boolean } | null {
  if (!due) return null;
  const ms = new Date(due).getTime() - now;
  const abs = Math.abs(ms);
  const unit = abs >= 86_400_000 ? [86_400_000, "d"] as const : abs >= 3_600_000 ? [3_600_000, "h"] as const : [60_000, "min"] as const;
  const n = Math.max(1, Math.round(abs / unit[0]));
  return ms >= 0 ? { text: `in ${n} ${unit[1]}`, late: false } : { text: `${n} ${unit[1]} overdue`, late: true };
}
