"use client";
import { useState } from "react";
import { saveSlaSettingsAction } from "@/app/(console)/admin/sla/actions";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { useActionToast } from "@/components/ui/toast";

export function SlaSettingsForm({ severities, statuses, calendars, defaultPercent }: {
  severities: { name: string; slaMinutes: number | null; slaCalendarId: number | null; atRiskPercent: number | null }[];
  statuses: { name: string; statusType: string; clockStopped: boolean }[];
  calendars: { id: number; name: string }[];
  /** The installation's at-risk share (/admin/notifications), for severities without their own. */
  defaultPercent: number;
}) {
  const { pending, run } = useActionToast();
  const [minutes, setMinutes] = useState(severities.map((s) => (s.slaMinutes === null ? "" : String(s.slaMinutes))));
  const [calendarIds, setCalendarIds] = useState(severities.map((s) => (s.slaCalendarId === null ? "" : String(s.slaCalendarId))));
  const [percents, setPercents] = useState(severities.map((s) => (s.atRiskPercent === null ? "" : String(s.atRiskPercent))));
  const [stopped, setStopped] = useState(new Set(statuses.filter((s) => s.clockStopped).map((s) => s.name)));
  return (
    <form className="max-w-xl space-y-6" onSubmit={(e) => {
      e.preventDefault();
      run(() => saveSlaSettingsAction({ severities: severities.map((s, i) => ({ name: s.name, slaMinutes: minutes[i] ? Number(minutes[i]) : null, calendarId: calendarIds[i] ? Number(calendarIds[i]) : null, atRiskPercent: percents[i] ? Number(percents[i]) : null })), clockStopped: [...stopped] }), "SLA settings saved");
    }}>
      <fieldset className="space-y-2">
        <legend className="font-semibold">Response SLA (minutes), calendar, and at risk at (% used)</legend>
        <p className="text-sm text-slate-600 dark:text-slate-400">An event is at risk, on the SLA dashboard and in its owner&apos;s warning, once this share of its SLA is used; empty: the default ({defaultPercent}%, set on the notifications page).</p>
        {severities.map((s, i) => (
          <label key={s.name} className="flex items-center gap-3 text-sm">
            <span className="w-32 shrink-0">{s.name}</span>
            <input type="number" min={1} className={`${inputClass} w-32`} placeholder="no SLA" value={minutes[i]} aria-label={`SLA minutes for ${s.name}`}
              onChange={(e) => setMinutes(minutes.map((m, j) => (j === i ? e.target.value : m)))} />
            <select className={`${inputClass} w-48`} value={calendarIds[i]} aria-label={`Calendar for ${s.name}`}
              onChange={(e) => setCalendarIds(calendarIds.map((c, j) => (j === i ? e.target.value : c)))}>
              <option value="">every hour counts</option>
              {calendars.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
            <input type="number" min={1} max={99} className={`${inputClass} w-24`} placeholder={`${defaultPercent}`} value={percents[i]} aria-label={`At risk at (% of the SLA) for ${s.name}`}
              title={`At risk once this share of the SLA is used; empty: the default, ${defaultPercent}%`}
              onChange={(e) => setPercents(percents.map((p, j) => (j === i ? e.target.value : p)))} />
            <span className="text-slate-500">%</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="space-y-1">
        <legend className="font-semibold">Clock stopped while in status</legend>
        {statuses.filter((s) => s.statusType !== "closed").map((s) => (
          <label key={s.name} className="block text-sm">
            <input type="checkbox" checked={stopped.has(s.name)} onChange={(e) => {
              const next = new Set(stopped);
              if (e.target.checked) next.add(s.name); else next.delete(s.name);
              setStopped(next);
            }} /> {s.name}
          </label>
        ))}
      </fieldset>
      <Button type="submit" disabled={pending}>Save</Button>
    </form>
  );
}
