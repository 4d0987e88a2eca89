// "At risk" on the SLA dashboard against the owner's warning, on the real database with the
// running `vigil start`'s worker: an event whose severity counts in a business-hours calendar,
// started before a weekend, turns at risk on the dashboard at the very instant its warning is
// due (wall-clock counting had it at risk for hours); and the at-risk share set per severity moves
// both instants, while severities without their own share follow the installation's default.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { container } from "@/lib/engine/testing/helpers";
import { unique } from "@/lib/rest/rest-test-kit";
import { waitFor } from "@/lib/testing/action-kit";
import { SYSTEM } from "./actor";
import { updateContainer } from "./containers";
import { notificationSettings, saveNotificationSettings } from "./notification-email";
import { saveCalendar, type DayHours } from "./sla-calendars";
import { periodStart, slaBreakdown } from "./sla-figures";
import { saveSlaSettings, slaSettings } from "./sla-settings";
import { createUser } from "./users";

const H = 3_600_000;
const DAY = 24 * H;

/** An event inserted as an ingestion path would, arriving at `created` (the triggers do the rest). */
async function arrived(name: string, label: string, severity: string, created: Date, ownerId: number | null = null): Promise<number> {
  const [row] = await db.$queryRaw<{ id: number }[]>`
    insert into containers (name, label, severity, status, owner_id, create_time)
    values (${name}, ${label}, ${severity}, 'new', ${ownerId}, ${created.toISOString()}::timestamptz at time zone 'utc') returning id`;
  return row!.id;
}
const timer = (id: number) => db.slaTimer.findUniqueOrThrow({ where: { objectType_objectId: { objectType: "container", objectId: id } } });
const riskTime = async (id: number) => (await db.container.findUniqueOrThrow({ where: { id }, select: { riskTime: true } })).riskTime!;
const dbNow = async () => (await db.$queryRaw<{ now: Date }[]>`select now()`)[0]!.now;
const atRisk = async (label: string) => (await slaBreakdown(periodStart(7))).byLabel.find((r) => r.key === label)?.atRisk ?? 0;
/** Saves shares per severity without touching the clock-stopped statuses other tests made. */
async function setShares(shares: Record<string, number | null>, minutes: Record<string, number>) {
  const current = await slaSettings();
  await saveSlaSettings({
    severities: Object.entries(shares).map(([name, atRiskPercent]) => ({ name, slaMinutes: minutes[name]!, atRiskPercent })),
    clockStopped: current.statuses.filter((s) => s.clockStopped).map((s) => s.name),
  }, SYSTEM);
}

describe("at risk across a weekend in business hours", () => {
  it("is at risk on the dashboard exactly when the owner's warning is due, not hours before", async () => {
    // A UTC calendar whose weekend is the two days before today: the clock started on the
    // working day before them, counts nothing over them, and passes its share a few seconds
    // from now, in today's hours (from the minute before now to midnight).
    const now = await dbNow();
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const dow = (t: number) => (new Date(t).getUTCDay() + 6) % 7; // Monday 0
    const opens = Math.max(0, Math.floor((now.getTime() - midnight) / 60_000) - 1);
    const hours: DayHours[] = Array.from({ length: 7 }, () => [[0, 1440]]);
    hours[dow(midnight - DAY)] = [];
    hours[dow(midnight - 2 * DAY)] = [];
    hours[dow(midnight)] = [[opens, 1440]];
    const cal = (await saveCalendar({ name: unique("weekend-before-today"), timeZone: "UTC", hours, holidays: [] }, SYSTEM)).id;
    const severity = unique("sev-weekend");
    await db.severity.create({ data: { name: severity, slaMinutes: 600, slaCalendarId: cal } });
    const [share] = await db.$queryRaw<{ s: number }[]>`select vigil_risk_share(${severity}) as s`;
    const mark = Math.round(600 * 60_000 * share!.s);
    const riskAt = now.getTime() + 15_000;
    const workedToday = riskAt - (midnight + opens * 60_000);
    const start = new Date(midnight - 2 * DAY - (mark - workedToday));
    const owner = (await createUser({ username: unique("weekend-owner"), role: "analyst", password: "correct horse battery" }, SYSTEM)).user.id;
    const label = unique("weekend");
    const id = await arrived(unique("across the weekend"), label, severity, start, owner);

    // The dashboard's instant is the warning's, to the millisecond, a few seconds from now.
    const t = await timer(id);
    expect(t).toMatchObject({ state: "running", calendarId: cal });
    expect((await riskTime(id)).getTime()).toBe(t.riskAt!.getTime());
    expect(t.riskAt!.getTime()).toBe(riskAt);
    // Counted in wall-clock time from arrival (as the dashboard did), it has been at risk for hours.
    const due = (await db.container.findUniqueOrThrow({ where: { id } })).dueTime!;
    expect(due.getTime() - (due.getTime() - start.getTime()) * (1 - share!.s)).toBeLessThan(now.getTime() - 8 * H);

    // Before the instant: on track on the dashboard, and no warning.
    expect(await atRisk(label)).toBe(0);
    expect(await db.notification.count({ where: { kind: "sla_at_risk", objectType: "container", objectId: id } })).toBe(0);
    // The worker warns the owner once the instant passes; the dashboard says so too.
    const warned = await waitFor("the at-risk warning", () => db.notification.findFirst({ where: { userId: owner, kind: "sla_at_risk", objectType: "container", objectId: id } }), 60_000, 100);
    expect(await atRisk(label)).toBe(1);
    expect(warned.createdAt.getTime()).toBeGreaterThanOrEqual(riskAt);
    // Warned or not, it stays at risk until it breaches or closes.
    expect((await riskTime(id)).getTime()).toBe(riskAt);
    await updateContainer(id, { status: "closed" }, SYSTEM);
    expect(await atRisk(label)).toBe(0);
  });
});

describe("the at-risk share per severity", () => {
  let halved: string;
  let plain: string;
  let label: string;
  const minutes: Record<string, number> = {};
  let before: Awaited<ReturnType<typeof notificationSettings>>;

  beforeAll(async () => {
    before = await notificationSettings();
    halved = unique("sev-half");
    plain = unique("sev-plain");
    label = unique("share");
    for (const name of [halved, plain]) {
      minutes[name] = 100;
      await db.severity.create({ data: { name, slaMinutes: 100 } });
    }
  });

  it("moves the warning and the dashboard of that severity's events only; others keep the default", async () => {
    // Both 60 of their 100 minutes in: under the default 80%, over a 50% share.
    const start = new Date((await dbNow()).getTime() - 60 * 60_000);
    const a = await arrived(unique("halved"), label, halved, start);
    const b = await arrived(unique("plain"), label, plain, start);
    const at = (share: number) => start.getTime() + Math.round(100 * 60_000 * share);
    await saveNotificationSettings({ smtpAssetId: before.smtpAssetId, atRiskPercent: 80 }, SYSTEM);
    expect((await timer(a)).riskAt!.getTime()).toBe(at(0.8));
    expect(await atRisk(label)).toBe(0);

    await setShares({ [halved]: 50 }, minutes);
    expect((await slaSettings()).severities.find((s) => s.name === halved)?.atRiskPercent).toBe(50);
    expect((await timer(a)).riskAt!.getTime()).toBe(at(0.5));
    expect((await riskTime(a)).getTime()).toBe(at(0.5));
    expect((await timer(b)).riskAt!.getTime()).toBe(at(0.8));
    expect(await atRisk(label)).toBe(1);

    // The default moves the severities without a share of their own.
    await saveNotificationSettings({ smtpAssetId: before.smtpAssetId, atRiskPercent: 55 }, SYSTEM);
    expect((await timer(b)).riskAt!.getTime()).toBe(at(0.55));
    expect((await riskTime(b)).getTime()).toBe(at(0.55));
    expect((await riskTime(a)).getTime()).toBe(at(0.5));
    expect(await atRisk(label)).toBe(2);
    await saveNotificationSettings({ smtpAssetId: before.smtpAssetId, atRiskPercent: 80 }, SYSTEM);
    expect(await atRisk(label)).toBe(1);

    // A new severity brings its share: the event and its other clocks take it.
    const c = await container([], { label, severity: plain });
    const started = (await timer(c)).runningSince!.getTime();
    await updateContainer(c, { severity: halved }, SYSTEM);
    const moved = await timer(c);
    expect(Math.abs(moved.riskAt!.getTime() - started - 50 * 60_000)).toBeLessThanOrEqual(1);
    expect((await riskTime(c)).getTime()).toBe(moved.riskAt!.getTime());

    // Back to the default; a share out of range is refused with a message.
    await setShares({ [halved]: null }, minutes);
    expect((await riskTime(a)).getTime()).toBe(at(0.8));
    await expect(setShares({ [halved]: 100 }, minutes)).rejects.toThrow(/at-risk share of "sev-half-\w+" must be a whole percentage from 1 to 99/);
  });
});
