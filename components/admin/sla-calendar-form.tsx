"use client";
// Business-hours calendars an SLA can count in: weekly hours per day ("09:00-12:00, 13:00-17:00";
// empty is a day off) in a time zone, and holidays (one date a line).
import { useState } from "react";
import { deleteCalendarAction, saveCalendarAction } from "@/app/(console)/admin/sla/actions";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { useActionToast } from "@/components/ui/toast";

const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export interface CalendarView { id: number | null; name: string; timeZone: string; days: string[]; holidays: string[] }

export const NEW_CALENDAR: CalendarView = {
  id: null, name: "", timeZone: "UTC", days: ["09:00-17:00", "09:00-17:00", "09:00-17:00", "09:00-17:00", "09:00-17:00", "", ""], holidays: [],
};

export function SlaCalendarForm({ calendar }: { calendar: CalendarView }) {
  const { pending, run } = useActionToast();
  const [name, setName] = useState(calendar.name);
  const [timeZone, setTimeZone] = useState(calendar.timeZone);
  const [days, setDays] = useState(calendar.days);
  const [holidays, setHolidays] = useState(calendar.holidays.join("\n"));
  const title = calendar.id ? calendar.name : "New calendar";
  return (
    <form aria-label={`Calendar ${title}`} className="space-y-2 rounded border border-slate-200 p-3 dark:border-slate-700" onSubmit={(e) => {
      e.preventDefault();
      const input = { id: calendar.id, name, timeZone, days, holidays: holidays.split(/\s+/).filter(Boolean) };
      run(() => saveCalendarAction(input), `Calendar ${name} saved`);
    }}>
      <h3 className="font-semibold">{title}</h3>
      <div className="flex flex-wrap gap-3 text-sm">
        <label>Name <input className={`${inputClass} w-48`} value={name} onChange={(e) => setName(e.target.value)} required /></label>
        <label>Time zone <input className={`${inputClass} w-48`} value={timeZone} onChange={(e) => setTimeZone(e.target.value)} placeholder="Europe/Paris" required /></label>
      </div>
      <div className="grid grid-cols-[8rem_1fr] items-center gap-1 text-sm">
        {DAYS.map((d, i) => (
          <label key={d} className="contents">
            <span>{d}</span>
            <input className={inputClass} value={days[i]} placeholder="day off" aria-label={`${d} hours`}
              onChange={(e) => setDays(days.map((x, j) => (j === i ? e.target.value : x)))} />
          </label>
        ))}
      </div>
      <label className="block text-sm">Holidays (one date a line, e.g. 2026-12-25)
        <textarea className={`${inputClass} mt-1 h-20`} value={holidays} onChange={(e) => setHolidays(e.target.value)} />
      </label>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>Save calendar</Button>
        {calendar.id && <Button type="button" variant="danger" disabled={pending} onClick={() => run(() => deleteCalendarAction({ id: calendar.id }), `Calendar ${calendar.name} deleted`)}>Delete</Button>}
      </div>
    </form>
  );
}
