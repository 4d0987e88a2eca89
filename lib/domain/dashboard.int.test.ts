import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { newContainerSchema } from "../schemas/containers";
import type { Actor } from "./actor";
import { createContainer, updateContainer } from "./containers";
import { dashboardSummary, myQueue } from "./dashboard";

const actor: Actor = { id: null, name: "dashboard-test", role: "system" };
const HOUR = 3600;

async function eventCreatedHoursAgo(hours: number): Promise<number> {
  const { id } = await createContainer(newContainerSchema.parse({ name: `dash ${randomUUID().slice(0, 8)}`, severity: "high" }), actor);
  // The known timestamp: the event arrived `hours` ago (create_time is UTC in a timestamp column).
  await db.$executeRaw`update containers set create_time = (now() at time zone 'utc') - ${`${hours} hours`}::interval where id = ${id}`;
  return id;
}

describe("the Home dashboard figures", () => {
  it("computes mean time to acknowledge from the audit trail and to resolve from close_time", async () => {
    const before = await dashboardSummary({ fresh: true });
    const user = await db.user.create({ data: { username: `dash-${randomUUID().slice(0, 8)}`, role: "analyst" } });

    const assigned = await eventCreatedHoursAgo(2); // acknowledged by an owner assignment (audit row only)
    await updateContainer(assigned, { owner_id: user.id }, actor);
    const resolved = await eventCreatedHoursAgo(4); // acknowledged by opening, then resolved
    await updateContainer(resolved, { status: "open" }, actor);
    await updateContainer(resolved, { status: "closed" }, actor);
    await eventCreatedHoursAgo(6); // still waiting: counts as open, not acknowledged

    const after = await dashboardSummary({ fresh: true });
    // Means are not additive, but sums are: mean × count before and after isolate these events.
    const sum = (m: { seconds: number | null; count: number }) => (m.seconds ?? 0) * m.count;
    expect(after.mtta.count - before.mtta.count).toBe(2);
    expect(sum(after.mtta) - sum(before.mtta)).toBeGreaterThan(6 * HOUR - 30);
    expect(sum(after.mtta) - sum(before.mtta)).toBeLessThan(6 * HOUR + 30);
    expect(after.mttr.count - before.mttr.count).toBe(1);
    expect(sum(after.mttr) - sum(before.mttr)).toBeGreaterThan(4 * HOUR - 30);
    expect(sum(after.mttr) - sum(before.mttr)).toBeLessThan(4 * HOUR + 30);

    expect(after.openEvents - before.openEvents).toBe(2);
    expect(after.last24h - before.last24h).toBe(3);
    const highNew = (s: typeof after) => s.open.find((o) => o.severity === "high" && o.status === "new")?.count ?? 0;
    expect(highNew(after) - highNew(before)).toBe(2);
    expect(after.days).toHaveLength(31);
    expect(after.days.reduce((n, d) => n + d.total, 0) - before.days.reduce((n, d) => n + d.total, 0)).toBe(3);

    const queue = await myQueue(user.id);
    expect(queue).toMatchObject({ total: 1, items: [{ id: assigned, severity: "high", status: "new" }] });
  });

  it("serves the shared summary from its cache within the TTL", async () => {
    const first = await dashboardSummary();
    await eventCreatedHoursAgo(1);
    expect(await dashboardSummary()).toBe(first);
    expect((await dashboardSummary({ fresh: true })).last24h).toBe(first.last24h + 1);
  });

  it("orders My queue by urgency: overdue, then due soonest, then the most severe, then newest", async () => {
    const user = await db.user.create({ data: { username: `urgent-${randomUUID().slice(0, 8)}`, role: "analyst" } });
    const at = (h: number) => new Date(Date.now() + h * HOUR * 1000).toISOString();
    const make = async (severity: string, due: string | null) => {
      const { id } = await createContainer(newContainerSchema.parse({ name: `mine ${severity}`, severity, owner_id: user.id, ...(due ? { due_time: due } : {}) }), actor);
      if (!due) await db.$executeRaw`update containers set due_time = null where id = ${id}`;
      return id;
    };
    const lowNoDue = await make("low", null);
    const highNoDue = await make("high", null);
    const soon = await make("low", at(2));
    const overdue = await make("medium", at(-1));
    const later = await make("high", at(8));
    expect((await myQueue(user.id)).items.map((i) => i.id)).toEqual([overdue, soon, later, highNoDue, lowNoDue]);
  });
});
