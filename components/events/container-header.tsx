"use client";
// The investigation header: status, severity, sensitivity, owner and due time, each edited in
// place. Changes show at once and roll back, with the server's reason, if it refuses them.
import { inputClass } from "@/components/ui/field";
import { useTimeZone } from "@/components/ui/time";
import type { QueueChoices } from "@/lib/domain/events-queue";
import { SENSITIVITIES } from "@/lib/schemas/containers";
import { fromZonedInput, toZonedInput, zoneLabel } from "@/lib/time";
import { timeLeft } from "./badges";
import { useContainerHeader, type HeaderFields } from "./hooks";

const small = `${inputClass} !w-auto`;

export function ContainerHeader({ id, server, choices, canWrite }: { id: number; server: HeaderFields; choices: QueueChoices; canWrite: boolean }) {
  const { fields, update, error } = useContainerHeader(id, server);
  const zone = useTimeZone();
  const due = fields.status === "closed" ? null : timeLeft(fields.dueTime);
  const field = (label: string, control: React.ReactNode) => (
    <label className="flex flex-col gap-0.5 text-xs font-medium text-slate-600 dark:text-slate-400">{label}{control}</label>
  );
  const select = (label: string, value: string, options: { value: string; label: string }[], onChange: (v: string) => void) =>
    field(label, (
      <select aria-label={label} className={small} value={value} disabled={!canWrite} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    ));
  const opts = (xs: readonly string[]) => xs.map((x) => ({ value: x, label: x }));
  return (
    <section aria-label="Event fields" className="mb-4 rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-end gap-3">
        {select("Status", fields.status, opts(choices.statuses), (status) => update({ status }))}
        {select("Severity", fields.severity, opts(choices.severities), (severity) => update({ severity }))}
        {select("Sensitivity", fields.sensitivity, opts(SENSITIVITIES), (sensitivity) => update({ sensitivity }))}
        {select("Owner", fields.ownerId ? String(fields.ownerId) : "", [{ value: "", label: "Unassigned" }, ...choices.users.map((u) => ({ value: String(u.id), label: u.username }))],
          (v) => update({ ownerId: v ? Number(v) : null }))}
        {field("Due", (
          <input type="datetime-local" aria-label="Due time" className={small} disabled={!canWrite}
            value={toZonedInput(fields.dueTime, zone)}
            onChange={(e) => update({ dueTime: fromZonedInput(e.target.value, zone)?.toISOString() ?? null })} />
        ))}
        {due && (
          <p className={`pb-1.5 text-sm ${due.late ? "font-medium text-red-700 dark:text-red-400" : "text-slate-600 dark:text-slate-400"}`} data-testid="time-left">
            {due.late ? `Overdue: ${due.text}` : `Due ${due.text}`}
          </p>
        )}
      </div>
      <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">Times are {zoneLabel(zone, fields.dueTime ?? undefined)} ({zone}).{canWrite ? "" : " Read only: your role cannot change events."}</p>
      {error && <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">Not saved: {error.message}</p>}
    </section>
  );
}
