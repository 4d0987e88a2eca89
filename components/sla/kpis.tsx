// The headline figures of the SLA dashboard, each a link to what it counts.
import Link from "next/link";
import type { ReactNode } from "react";

export function Kpi({ label, value, hint, href, tone }: { label: string; value: ReactNode; hint?: ReactNode; href?: string; tone?: string }) {
  const body = (
    <>
      <div className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</div>
      <div className={`mt-1 text-2xl font-semibold tabular-nums ${tone ?? ""}`}>{value}</div>
      {hint && <div className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{hint}</div>}
    </>
  );
  const cls = "block rounded-lg border border-slate-200 bg-white px-4 py-3 dark:border-slate-800 dark:bg-slate-900";
  return href ? <Link href={href} className={`${cls} hover:border-slate-400 dark:hover:border-slate-600`}>{body}</Link> : <div className={cls}>{body}</div>;
}
