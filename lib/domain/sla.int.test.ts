// SLA clocks on the real database with the running `vigil start`'s worker firing them: the
// severity's response SLA sets the due time, a "clock stopped" status pauses the clock and
// keeps the time used, and a breach marks the container, notifies its owner and their manager
// and is audited, once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";
import { waitFor } from "@/lib/testing/action-kit";
import { SYSTEM } from "./actor";
import { createUser } from "./users";

let bot: Client;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const timer = (id: number) => db.slaTimer.findUniqueOrThrow({ where: { objectType_objectId: { objectType: "container", objectId: id } } });
let waiting: string;

beforeAll(async () => {
  bot = await tokenClient("automation");
  waiting = unique("waiting on customer");
  await db.containerStatus.create({ data: { name: waiting, statusType: "open", clockStopped: true } });
});
afterAll(async () => {
  await db.severity.update({ where: { name: "low" }, data: { slaMinutes: 1440 } });
});

describe("response SLA", () => {
  it("sets the due time from the severity's minutes (an administrator's setting)", async () => {
    await db.severity.update({ where: { name: "low" }, data: { slaMinutes: 7 } });
    const c = await bot.call("POST", "/rest/container", { name: unique("sla"), label: "events", severity: "low" });
    const got = (await bot.call("GET", `/rest/container/${c.body.id}`)).body;
    expect(Date.parse(got.due_time) - Date.parse(got.create_time)).toBe(7 * 60_000);
    const t = await timer(c.body.id);
    expect(t).toMatchObject({ state: "running", budgetMs: 420_000n, usedMs: 0n });
    // An explicit due time wins over the severity's.
    const due = new Date(Date.now() + 3_600_000).toISOString();
    const d = await bot.call("POST", "/rest/container", { name: unique("sla"), label: "events", severity: "low", due_time: due });
    expect(Date.parse((await bot.call("GET", `/rest/container/${d.body.id}`)).body.due_time)).toBe(Date.parse(due));
  });

  it("pauses in a clock-stopped status and resumes with the time already used", async () => {
    const due = new Date(Date.now() + 600_000);
    const c = await bot.call("POST", "/rest/container", { name: unique("pause"), label: "events", due_time: due.toISOString() });
    const id = c.body.id;
    await pause(1000);
    expect((await bot.call("POST", `/rest/container/${id}`, { status: waiting })).status).toBe(200);
    const paused = await timer(id);
    expect(paused.state).toBe("paused");
    expect(Number(paused.usedMs)).toBeGreaterThanOrEqual(900);
    expect((await bot.call("GET", `/rest/container/${id}`)).body.due_time).toBeNull();
    await pause(1500);
    expect((await bot.call("POST", `/rest/container/${id}`, { status: "open" })).status).toBe(200);
    const resumed = await timer(id);
    expect(resumed.state).toBe("running");
    expect(resumed.usedMs).toBe(paused.usedMs);
    // Due later by the time spent paused, not earlier by the time used.
    const newDue = Date.parse((await bot.call("GET", `/rest/container/${id}`)).body.due_time);
    expect(newDue - due.getTime()).toBeGreaterThanOrEqual(1400);
    expect(newDue - due.getTime()).toBeLessThan(10_000);
    // Closing stops it as met.
    await bot.call("POST", `/rest/container/${id}`, { status: "closed" });
    expect((await timer(id)).state).toBe("met");
  });

  it("breaches once: the container is marked, its owner and their manager notified, the breach audited", async () => {
    const { user: manager } = await createUser({ username: unique("mgr"), role: "manager", password: "correct horse battery" }, SYSTEM);
    const { user: analyst } = await createUser({ username: unique("ana"), role: "analyst", password: "correct horse battery" }, SYSTEM);
    await db.user.update({ where: { id: analyst.id }, data: { managerId: manager.id } });
    const c = await bot.call("POST", "/rest/container", {
      name: unique("late"), label: "events", owner_id: analyst.id, due_time: new Date(Date.now() + 2000).toISOString(),
    });
    const id = c.body.id;
    await waitFor("the breach", async () => (await db.container.findUnique({ where: { id } }))?.slaBreached, 20_000, 200);
    await pause(2500); // a few more ticks of the worker: nothing fires twice
    expect((await timer(id)).state).toBe("breached");
    const audits = await db.auditLog.findMany({ where: { containerId: id, action: "sla.breach" } });
    expect(audits).toHaveLength(1);
    const notes = await db.notification.findMany({ where: { objectType: "container", objectId: id, kind: "sla_breached" } });
    expect(notes.map((n) => n.userId).sort()).toEqual([analyst.id, manager.id].sort());
    expect(notes.every((n) => n.title.includes("SLA breached"))).toBe(true);
    // Before it, the owner alone was warned that the SLA was at risk (80% used).
    const warned = await db.notification.findMany({ where: { objectType: "container", objectId: id, kind: "sla_at_risk" } });
    expect(warned.map((n) => n.userId)).toEqual([analyst.id]);
  });
});
