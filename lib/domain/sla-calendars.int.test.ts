// Business-hours calendars on the real database: the counting the SLA clocks use (working time
// across a weekend, a holiday, a lunch break, both DST changes), a severity's calendar setting new
// containers' due times, and pause/resume in a clock-stopped status counting only working time.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { container } from "@/lib/engine/testing/helpers";
import { unique } from "@/lib/rest/rest-test-kit";
import { SYSTEM } from "./actor";
import { updateContainer } from "./containers";
import { businessAdd, businessMs, checkCalendar, parseDayHours, saveCalendar, type DayHours } from "./sla-calendars";

const H = 3_600_000;
const officeWeek = (day: DayHours): DayHours[] => [day, day, day, day, day, [], []];
const NINE_TO_FIVE: DayHours = [[540, 1020]];
const ALL_DAY: DayHours = [[0, 1440]];

let paris: number;
let parisHoliday: number;
let newYork: number;
let newYork24: number;

beforeAll(async () => {
  const cal = (name: string, timeZone: string, hours: DayHours[], holidays: string[] = []) =>
    saveCalendar({ name: unique(name), timeZone, hours, holidays }, SYSTEM).then((c) => c.id);
  paris = await cal("paris", "Europe/Paris", officeWeek(NINE_TO_FIVE));
  parisHoliday = await cal("paris-holiday", "Europe/Paris", officeWeek([[540, 720], [780, 1020]]), ["2026-12-07", "2026-12-25"]);
  newYork = await cal("new-york", "America/New_York", officeWeek(NINE_TO_FIVE));
  newYork24 = await cal("new-york-24", "America/New_York", Array.from({ length: 7 }, () => ALL_DAY));
});

describe("working time", () => {
  it("skips the weekend: two hours from Friday 16:00 end on Monday at 10:00 local", async () => {
    const friday = new Date("2026-12-04T15:00:00Z"); // 16:00 in Paris (CET)
    expect((await businessAdd(paris, friday, 2 * H)).toISOString()).toBe("2026-12-07T09:00:00.000Z");
    expect(await businessMs(paris, friday, new Date("2026-12-07T09:00:00Z"))).toBe(2 * H);
    // Saturday and Sunday count nothing.
    expect(await businessMs(paris, new Date("2026-12-05T00:00:00Z"), new Date("2026-12-06T23:00:00Z"))).toBe(0);
    // Before opening time the clock waits for 09:00.
    expect((await businessAdd(paris, new Date("2026-12-07T05:00:00Z"), 30 * 60_000)).toISOString()).toBe("2026-12-07T08:30:00.000Z");
  });

  it("skips a holiday and the lunch break", async () => {
    const friday = new Date("2026-12-04T15:00:00Z");
    // Monday 7 December is a holiday: due Tuesday 10:00 Paris.
    expect((await businessAdd(parisHoliday, friday, 2 * H)).toISOString()).toBe("2026-12-08T09:00:00.000Z");
    expect(await businessMs(parisHoliday, friday, new Date("2026-12-08T09:00:00Z"))).toBe(2 * H);
    // Three hours from Tuesday 11:00 with lunch 12:00-13:00: 15:00 Paris.
    expect((await businessAdd(parisHoliday, new Date("2026-12-08T10:00:00Z"), 3 * H)).toISOString()).toBe("2026-12-08T14:00:00.000Z");
    // Christmas on a Friday: Thursday 16:00 + 2 h ends Monday 10:00 (the 28th).
    expect((await businessAdd(parisHoliday, new Date("2026-12-24T15:00:00Z"), 2 * H)).toISOString()).toBe("2026-12-28T09:00:00.000Z");
  });

  it("keeps local hours across both DST changes and counts real time through the night they happen", async () => {
    // Spring forward (Sunday 14 March 2027): Friday 16:00 EST + 2 h = Monday 10:00 EDT.
    expect((await businessAdd(newYork, new Date("2027-03-12T21:00:00Z"), 2 * H)).toISOString()).toBe("2027-03-15T14:00:00.000Z");
    // Fall back (Sunday 1 November 2026): Friday 16:00 EDT + 2 h = Monday 10:00 EST.
    expect((await businessAdd(newYork, new Date("2026-10-30T20:00:00Z"), 2 * H)).toISOString()).toBe("2026-11-02T15:00:00.000Z");
    // A round-the-clock calendar: the local day of the change is 23 (or 25) hours long, and 24
    // working hours are 24 real hours.
    expect(await businessMs(newYork24, new Date("2027-03-14T05:00:00Z"), new Date("2027-03-15T04:00:00Z"))).toBe(23 * H);
    expect(await businessMs(newYork24, new Date("2026-11-01T04:00:00Z"), new Date("2026-11-02T05:00:00Z"))).toBe(25 * H);
    expect((await businessAdd(newYork24, new Date("2027-03-13T17:00:00Z"), 24 * H)).toISOString()).toBe("2027-03-14T17:00:00.000Z");
  });

  it("refuses calendars the clocks could not count in, with a message", () => {
    const ok = { name: "x", timeZone: "Europe/Paris", hours: officeWeek(NINE_TO_FIVE), holidays: [] };
    expect(() => checkCalendar({ ...ok, timeZone: "Mars/Olympus" })).toThrow(/not a time zone/);
    expect(() => checkCalendar({ ...ok, hours: Array.from({ length: 7 }, () => []) })).toThrow(/needs some working hours/);
    expect(() => checkCalendar({ ...ok, hours: officeWeek([[540, 700], [600, 800]]) })).toThrow(/Monday has overlapping windows/);
    expect(() => checkCalendar({ ...ok, hours: officeWeek([[600, 540]]) })).toThrow(/does not run forwards/);
    expect(() => checkCalendar({ ...ok, holidays: ["25/12/2026"] })).toThrow(/not a date/);
    expect(parseDayHours("09:00-12:00, 13:00-17:30", "Monday")).toEqual([[540, 720], [780, 1050]]);
    expect(() => parseDayHours("9 to 5", "Monday")).toThrow(/not a window such as 09:00-17:00/);
  });
});

describe("clocks in a calendar", () => {
  let severity: string;
  let today: string;
  let holidays: number;
  let waiting: string;

  beforeAll(async () => {
    // A round-the-clock UTC calendar whose today and tomorrow are holidays: nothing counts until
    // the day after tomorrow, however long the test takes (under a day).
    const [row] = await db.$queryRaw<{ d: string }[]>`select (now() at time zone 'UTC')::date::text as d`;
    const d = row!.d;
    today = d;
    const tomorrow = new Date(Date.parse(`${d}T00:00:00Z`) + 24 * H).toISOString().slice(0, 10);
    holidays = (await saveCalendar({ name: unique("holidays"), timeZone: "UTC", hours: Array.from({ length: 7 }, () => ALL_DAY), holidays: [today, tomorrow] }, SYSTEM)).id;
    severity = unique("sev-cal");
    await db.severity.create({ data: { name: severity, slaMinutes: 90, slaCalendarId: holidays } });
    waiting = unique("waiting on customer");
    await db.containerStatus.create({ data: { name: waiting, statusType: "open", clockStopped: true } });
  });

  const dayAfterTomorrow = () => Date.parse(`${today}T00:00:00Z`) + 48 * H;
  const timer = (id: number) => db.slaTimer.findUniqueOrThrow({ where: { objectType_objectId: { objectType: "container", objectId: id } } });

  it("a severity's calendar sets the due time in working time and the clock keeps it", async () => {
    const id = await container([], { severity });
    const c = await db.container.findUniqueOrThrow({ where: { id } });
    expect(c.dueTime!.getTime()).toBe(dayAfterTomorrow() + 90 * 60_000);
    expect(await timer(id)).toMatchObject({ state: "running", budgetMs: 5_400_000n, calendarId: holidays });
  });

  it("pausing counts no working time on a holiday, and resuming keeps the whole budget", async () => {
    const id = await container([], { severity });
    await new Promise((r) => setTimeout(r, 1200));
    await updateContainer(id, { status: waiting }, SYSTEM);
    const paused = await timer(id);
    expect(paused).toMatchObject({ state: "paused", usedMs: 0n, dueAt: null });
    await updateContainer(id, { status: "open" }, SYSTEM);
    const resumed = await timer(id);
    expect(resumed.state).toBe("running");
    expect(resumed.dueAt!.getTime()).toBe(dayAfterTomorrow() + 90 * 60_000);
    expect((await db.container.findUniqueOrThrow({ where: { id } })).dueTime!.getTime()).toBe(dayAfterTomorrow() + 90 * 60_000);
  });
});
