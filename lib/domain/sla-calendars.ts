// Business-hours calendars for SLAs: weekly hours in a time zone, and holidays. The counting is
// done by the database (vigil_business_ms, vigil_business_add; migration
// 20261203400100_sla_calendars) so the triggers that start, pause and resume clocks and the
// worker that fires them agree to the millisecond. Here: checking and saving calendars, and
// naming the calendar a severity's response SLA counts in.
import { Prisma } from "@prisma/client";
import { db } from "../db/client";
import type { Actor } from "./actor";
import { appendAudit } from "./audit";
import { DomainError } from "./errors";
import { invalidateTaxonomy } from "./taxonomy";
import { inTransaction } from "./transactions";

export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/** Working windows of one local day, as "HH:MM-HH:MM" text for people and [start, end) minutes for the database. */
export type DayHours = [number, number][];

export interface CalendarInput {
  name: string;
  timeZone: string;
  /** Seven entries, Monday first. */
  hours: DayHours[];
  /** Local dates, YYYY-MM-DD. */
  holidays: string[];
}

export interface CalendarRecord extends CalendarInput {
  id: number;
}

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Refuses what the database's counting could not use: unknown zones, overlapping or empty weeks, bad dates. */
export function checkCalendar(input: CalendarInput): CalendarInput {
  const name = input.name.trim();
  if (!name || name.length > 128) throw new DomainError("invalid", "name: 1 to 128 characters", "name");
  if (!validTimeZone(input.timeZone)) throw new DomainError("invalid", `time_zone: "${input.timeZone}" is not a time zone (e.g. Europe/Paris)`, "time_zone");
  if (input.hours.length !== 7) throw new DomainError("invalid", "hours: seven days, Monday first", "hours");
  let total = 0;
  const hours = input.hours.map((day, i) => {
    const sorted = [...day].sort((a, b) => a[0] - b[0]);
    sorted.forEach(([start, end], j) => {
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > 1440 || end <= start) {
        throw new DomainError("invalid", `hours: ${WEEKDAYS[i]} has a window that does not run forwards within the day`, "hours");
      }
      if (j > 0 && start < sorted[j - 1]![1]) throw new DomainError("invalid", `hours: ${WEEKDAYS[i]} has overlapping windows`, "hours");
      total += end - start;
    });
    return sorted;
  });
  if (total === 0) throw new DomainError("invalid", "hours: a calendar needs some working hours in the week", "hours");
  if (input.holidays.length > 1000) throw new DomainError("invalid", "holidays: at most 1000 dates", "holidays");
  for (const h of input.holidays) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(h) || Number.isNaN(Date.parse(`${h}T00:00:00Z`))) {
      throw new DomainError("invalid", `holidays: "${h}" is not a date such as 2026-12-25`, "holidays");
    }
  }
  return { name, timeZone: input.timeZone, hours, holidays: [...new Set(input.holidays)].sort() };
}

/** "09:00-17:00, 18:00-20:00" -> [[540, 1020], [1080, 1200]]; "" is a day off. */
export function parseDayHours(text: string, day: string): DayHours {
  const parts = text.split(",").map((s) => s.trim()).filter(Boolean);
  return parts.map((p) => {
    const m = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(p);
    if (!m) throw new DomainError("invalid", `hours: ${day} "${p}" is not a window such as 09:00-17:00`, "hours");
    const [h1, m1, h2, m2] = m.slice(1).map(Number) as [number, number, number, number];
    if (h1 > 24 || h2 > 24 || m1 > 59 || m2 > 59) throw new DomainError("invalid", `hours: ${day} "${p}" is not a time of day`, "hours");
    return [h1 * 60 + m1, h2 * 60 + m2];
  });
}

export function formatDayHours(day: DayHours): string {
  const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  return day.map(([s, e]) => `${hm(s)}-${hm(e)}`).join(", ");
}

function toRecord(c: { id: number; name: string; timeZone: string; hours: Prisma.JsonValue; holidays: Date[] }): CalendarRecord {
  return { id: c.id, name: c.name, timeZone: c.timeZone, hours: c.hours as DayHours[], holidays: c.holidays.map((d) => d.toISOString().slice(0, 10)) };
}

export async function listCalendars(): Promise<CalendarRecord[]> {
  return (await db.slaCalendar.findMany({ orderBy: { name: "asc" } })).map(toRecord);
}

/** Creates a calendar, or replaces the one with `id`. Clocks already running keep counting in it. */
export async function saveCalendar(input: CalendarInput, actor: Actor, id?: number): Promise<CalendarRecord> {
  const c = checkCalendar(input);
  const data = { name: c.name, timeZone: c.timeZone, hours: c.hours as Prisma.InputJsonArray, holidays: c.holidays.map((d) => new Date(`${d}T00:00:00Z`)) };
  return inTransaction(async (tx) => {
    const clash = await tx.slaCalendar.findFirst({ where: { name: c.name, ...(id ? { NOT: { id } } : {}) }, select: { id: true } });
    if (clash) throw new DomainError("conflict", `a calendar named "${c.name}" exists`, "name");
    const saved = id
      ? await tx.slaCalendar.update({ where: { id }, data }).catch(() => {
        throw new DomainError("not_found", `calendar ${id} does not exist`);
      })
      : await tx.slaCalendar.create({ data });
    await appendAudit(tx, actor, { action: id ? "sla.calendar.update" : "sla.calendar.create", objectType: "sla_calendar", objectId: saved.id, detail: { ...c } });
    return toRecord(saved);
  });
}

export async function deleteCalendar(id: number, actor: Actor): Promise<void> {
  await inTransaction(async (tx) => {
    const { count } = await tx.slaCalendar.deleteMany({ where: { id } });
    if (!count) throw new DomainError("not_found", `calendar ${id} does not exist`);
    await appendAudit(tx, actor, { action: "sla.calendar.delete", objectType: "sla_calendar", objectId: id });
  });
  invalidateTaxonomy();
}

/** Which calendar (or none) new containers of each severity count their response SLA in. */
export async function setSeverityCalendars(byName: Record<string, number | null>, actor: Actor): Promise<void> {
  await inTransaction(async (tx) => {
    for (const [name, calendarId] of Object.entries(byName)) {
      const { count } = await tx.severity.updateMany({ where: { name }, data: { slaCalendarId: calendarId } });
      if (!count) throw new DomainError("invalid", `severities: no severity "${name}"`, "severities");
    }
    await appendAudit(tx, actor, { action: "sla.calendars", objectType: "settings", objectId: "sla", detail: byName });
  });
  invalidateTaxonomy();
}

/** Working milliseconds between two instants in a calendar (null: wall-clock), as the clocks count them. */
export async function businessMs(calendarId: number | null, from: Date, to: Date): Promise<number> {
  const [r] = await db.$queryRaw<{ ms: bigint }[]>`select vigil_business_ms(${calendarId}::int, ${from}::timestamptz, ${to}::timestamptz) as ms`;
  return Number(r!.ms);
}

/** The instant `ms` working milliseconds after `from` in a calendar. */
export async function businessAdd(calendarId: number | null, from: Date, ms: number): Promise<Date> {
  const [r] = await db.$queryRaw<{ at: Date }[]>`select vigil_business_add(${calendarId}::int, ${from}::timestamptz, ${BigInt(Math.round(ms))}::bigint) as at`;
  return r!.at;
}
