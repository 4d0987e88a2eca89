// Formatting shared by the dashboard, indicator and search pages.

/** "42 min", "3.5 h", "2.1 d": a duration in the unit a person reads at a glance. */
export function formatDuration(seconds: number | null): string {
  if (seconds == null) return "–";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}

export const number = (n: number) => n.toLocaleString("en");

/** Severities in the order a dashboard shows them: the built-in ones by weight, then others. */
export function severityOrder(names: Iterable<string>): string[] {
  const known = ["high", "medium", "low"];
  const rest = [...new Set(names)].filter((n) => !known.includes(n)).sort();
  return [...known, ...rest];
}

export const SEVERITY_FILL: Record<string, string> = {
  high: "fill-red-500 dark:fill-red-400",
  medium: "fill-orange-400 dark:fill-orange-300",
  low: "fill-yellow-300 dark:fill-yellow-200",
};
export const OTHER_FILL = "fill-slate-400 dark:fill-slate-500";
export const SEVERITY_SWATCH: Record<string, string> = {
  high: "bg-red-500 dark:bg-red-400",
  medium: "bg-orange-400 dark:bg-orange-300",
  low: "bg-yellow-300 dark:bg-yellow-200",
};
