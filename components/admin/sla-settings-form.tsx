"use client";
import { useState } from "react";
import { saveSlaSettingsAction } from "@/app/(console)/admin/sla/actions";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { useActionToast } from "@/components/ui/toast";

export function SlaSettingsForm({ severities, statuses, calendars }: {
  severities: { name: string; slaMinutes: number | null; slaCalendarId: number | null }[];
  statuses: { name: string; statusType: string; clockStopped: boolean }[];
  calendars: { id: number; name: string }[];
}) {
  const { pending, run } = useActionToast();
  const [minutes, setMinutes] = useState(severities.map((s) => (s.slaMinutes === null ? "" : String(s.slaMinutes))));
  const [calendarIds, setCalendarIds] = useState(severities.map((s) => (s.slaCalendarId === null ? "" : String(s.slaCalendarId))));
  const [stopped, setStopped] = useState(new Set(statuses.filter((s) => s.clockStopped).map((s) => s.name)));
  return (
    <form className="max-w-xl space-y-6" onSubmit={(e) => {
      e.preventDefault();
      run(() => saveSlaSettingsAction({ severities: severities.map((s, i) => ({ name: s.name, slaMinutes: minutes[i] ? Number(minutes[i]) : null, calendarId: calendarIds[i] ? Number(calendarIds[i]) : null })), clockStopped: [...stopped] }), "SLA settings saved");
    }}>
      <fieldset className="space-y-2">
        <legend className="font-semibold">Response SLA (minutes)</legend>
        {severities.map((s, i) => (
          <label key={s.name} className="flex items-center gap-3 text-sm">
            <span className="w-32">{s.name}</span>
            <input type="number" min={1} className={`${inputClass} w-32`} placeholder="no SLA" value={minutes[i]} aria-label={`SLA minutes for ${s.name}`}
              onChange={(e) => setMinutes(minutes.map((m, j) => (j === i ? e.target.value : m)))} />
            <select className={`${inputClass} w-48`} value={calendarIds[i]} aria-label={`Calendar for ${s.name}`}
              onChange={(e) => setCalendarIds(calendarIds.map((c, j) => (j === i ? e.target.value : c)))}>
              <option value="">every hour counts</option>
              {calendars.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
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
