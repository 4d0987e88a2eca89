// Drill-down: every figure of the SLA dashboard links to the events queue filtered to the
// containers behind it (the queue's `sla`, `severity`, `label`, `owner`, `from` and `to`).
import type { SlaState } from "@/lib/domain/sla-states";
import type { ApprovalInboxQuery } from "@/lib/schemas/approvals";

export interface Drill { sla?: SlaState; severity?: string; label?: string; owner?: number | "none"; from?: Date; to?: Date; status?: string[] }

export function queueLink(d: Drill): string {
  const p = new URLSearchParams();
  if (d.sla) p.set("sla", d.sla);
  if (d.severity) p.set("severity", d.severity);
  if (d.label) p.set("label", d.label);
  if (d.owner !== undefined) p.set("owner", String(d.owner));
  if (d.status?.length) p.set("status", d.status.join(","));
  if (d.from) p.set("from", d.from.toISOString());
  if (d.to) p.set("to", d.to.toISOString());
  return `/events?${p.toString()}`;
}

/** The approvals inbox filtered to the approvals behind a figure: everyone's, not only the viewer's. */
export function approvalsLink(f: Omit<ApprovalInboxQuery, "scope">): string {
  const p = new URLSearchParams();
  if (f.status) p.set("status", f.status);
  if (f.age) p.set("age", f.age);
  if (f.sla) p.set("sla", f.sla);
  p.set("scope", "all");
  return `/approvals?${p.toString()}`;
}

export const STATE_COLORS: Record<SlaState, { fill: string; text: string }> = {
  breached: { fill: "#dc2626", text: "text-red-700 dark:text-red-400" },
  at_risk: { fill: "#f59e0b", text: "text-amber-700 dark:text-amber-400" },
  met: { fill: "#16a34a", text: "text-green-700 dark:text-green-400" },
  on_track: { fill: "#94a3b8", text: "text-slate-600 dark:text-slate-300" },
};

export function duration(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400 * 2) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}
