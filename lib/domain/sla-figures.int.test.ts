// The SLA dashboard's figures on the real database: events of a label and an owner of this test's
// own, put in each SLA state, are counted where they belong (by label, owner, severity, day),
// the queue's drill-down finds exactly them, the counts kept by triggers match a direct count of
// the containers, and folding the deltas or deleting an event keeps them right.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { container } from "@/lib/engine/testing/helpers";
import { queueQuerySchema } from "@/lib/schemas/events";
import { SYSTEM } from "./actor";
import { queuePage } from "./events-queue";
import { notificationSettings, saveNotificationSettings } from "./notification-email";
import { analystLoad } from "./sla-dashboard";
import { slaCsv } from "./sla-export";
import { compactSlaRollup, periodStart, slaBreakdown, slaOverTime, type Counts } from "./sla-figures";
import type { SlaState } from "./sla-states";

const tag = Math.random().toString(36).slice(2, 8);
const label = `sla-figures-${tag}`;
let owner: number;
const ids: Record<string, number> = {};
const since = periodStart(7);

/** Sets a container's SLA columns as the clock and the console would leave them. */
async function shape(id: number, s: { breached?: boolean; closed?: boolean; dueInMinutes?: number; ageMinutes?: number }) {
  const age = s.ageMinutes ?? 60;
  await db.$executeRaw`update containers set create_time = (now() at time zone 'utc') - make_interval(mins => ${age}),
    open_time = (now() at time zone 'utc') - make_interval(mins => ${age - 10}),
    due_time = (now() at time zone 'utc') + make_interval(mins => ${s.dueInMinutes ?? 600}),
    sla_breached = ${s.breached ?? false},
    close_time = case when ${s.closed ?? false} then now() at time zone 'utc' end,
    status = case when ${s.closed ?? false} then 'closed' else 'open' end
    where id = ${id}`;
}

beforeAll(async () => {
  owner = (await db.user.create({ data: { username: `sla-owner-${tag}`, name: "SLA owner", role: "analyst" } })).id;
  const make = async (name: string, severity: string, mine: boolean) => {
    ids[name] = await container([], { name: `${name} ${tag}`, label, severity, ...(mine ? { owner_id: owner } : {}) });
  };
  await make("breachedOpen", "high", true);
  await make("breachedClosed", "high", true);
  await make("met", "medium", true);
  await make("atRisk", "medium", true);
  await make("onTrack", "low", true);
  await make("unowned", "low", false);
  await shape(ids.breachedOpen!, { breached: true, dueInMinutes: -30 });
  await shape(ids.breachedClosed!, { breached: true, closed: true, dueInMinutes: -30 });
  await shape(ids.met!, { closed: true });
  // 60 of 61 minutes used: past the 80% line.
  await shape(ids.atRisk!, { dueInMinutes: 1, ageMinutes: 60 });
  await shape(ids.onTrack!, { dueInMinutes: 600, ageMinutes: 10 });
  await shape(ids.unowned!, { dueInMinutes: 600, ageMinutes: 10 });
});

const only = (c: Counts) => ({ breached: c.breached, atRisk: c.atRisk, met: c.met, onTrack: c.onTrack, total: c.total });

describe("SLA dashboard figures", () => {
  it("counts this label's and this owner's events in their SLA states", async () => {
    const b = await slaBreakdown(since);
    expect(only(b.byLabel.find((r) => r.key === label)!)).toEqual({ breached: 2, atRisk: 1, met: 1, onTrack: 2, total: 6 });
    const mine = b.byOwner.find((r) => r.key === String(owner))!;
    expect(mine.name).toBe(`sla-owner-${tag}`);
    expect(only(mine)).toEqual({ breached: 2, atRisk: 1, met: 1, onTrack: 1, total: 5 });
  });

  it("counts at risk from the administrators' at-risk share, the one that warns owners", async () => {
    // Through the administrators' save, which moves the open events' at-risk instants with it.
    const before = await notificationSettings();
    await saveNotificationSettings({ smtpAssetId: before.smtpAssetId, atRiskPercent: 99 }, SYSTEM);
    try {
      // 60 of 61 minutes used is under 99%: on track now.
      expect(only((await slaBreakdown(since)).byLabel.find((r) => r.key === label)!)).toEqual({ breached: 2, atRisk: 0, met: 1, onTrack: 3, total: 6 });
      const page = await queuePage(queueQuerySchema.parse({ label, sla: "at_risk" }), owner);
      expect(page.rows).toEqual([]);
    } finally {
      await saveNotificationSettings({ smtpAssetId: before.smtpAssetId, atRiskPercent: before.atRiskPercent }, SYSTEM);
    }
    expect(only((await slaBreakdown(since)).byLabel.find((r) => r.key === label)!).atRisk).toBe(1);
  });

  it("matches a direct count of the containers by severity, in total and per day", async () => {
    const [b, days] = await Promise.all([slaBreakdown(since), slaOverTime(since)]);
    const direct = await db.$queryRaw<{ severity: string; breached: number; met: number; open: number; total: number }[]>`
      select severity, count(*) filter (where sla_breached)::int as breached,
        count(*) filter (where not sla_breached and close_time is not null)::int as met,
        count(*) filter (where not sla_breached and close_time is null)::int as open, count(*)::int as total
      from containers where create_time >= ${since.toISOString().slice(0, 10)}::timestamp group by 1`;
    for (const d of direct) {
      const row = b.bySeverity.find((r) => r.key === d.severity)!;
      expect({ breached: row.breached, met: row.met, open: row.atRisk + row.onTrack, total: row.total }).toEqual({ breached: d.breached, met: d.met, open: d.open, total: d.total });
    }
    // Other test files add severities of their own to the shared database: every one counted is
    // there, and the three built-in ones come in their order.
    const keys = b.bySeverity.map((r) => r.key);
    expect(new Set(keys)).toEqual(new Set(direct.map((d) => d.severity)));
    expect(keys.filter((k) => k !== null && ["high", "medium", "low"].includes(k))).toEqual(["high", "medium", "low"].filter((s) => direct.some((d) => d.severity === s)));
    expect(days).toHaveLength(7);
    expect(days.reduce((n, d) => n + d.total, 0)).toBe(b.total.total);
    expect(days.reduce((n, d) => n + d.breached, 0)).toBe(b.total.breached);
  });

  it("drills down: the queue filtered by label and SLA state lists exactly those events", async () => {
    const expected: Record<SlaState, string[]> = {
      breached: ["breachedOpen", "breachedClosed"], at_risk: ["atRisk"], met: ["met"], on_track: ["onTrack", "unowned"],
    };
    for (const [sla, names] of Object.entries(expected)) {
      const page = await queuePage(queueQuerySchema.parse({ label, sla, from: since.toISOString() }), owner);
      expect(page.rows.map((r) => r.id).sort()).toEqual(names.map((n) => ids[n]!).sort());
    }
    const high = await queuePage(queueQuerySchema.parse({ label, sla: "breached", severity: "high", owner: String(owner) }), owner);
    expect(high.total).toBe(2);
  });

  it("shows the owner's open work: open events, breached and at risk", async () => {
    const row = (await analystLoad()).find((r) => r.ownerId === owner)!;
    expect(row).toMatchObject({ openContainers: 3, breached: 1, atRisk: 1, openTasks: 0, overdueTasks: 0 });
  });

  it("keeps the figures through folding the deltas, a status change and a deletion", async () => {
    await compactSlaRollup();
    expect(only((await slaBreakdown(since)).byLabel.find((r) => r.key === label)!)).toEqual({ breached: 2, atRisk: 1, met: 1, onTrack: 2, total: 6 });
    // The on-track event closes in time (met), the unowned one is deleted.
    await shape(ids.onTrack!, { closed: true, ageMinutes: 10 });
    await db.container.delete({ where: { id: ids.unowned! } });
    expect(only((await slaBreakdown(since)).byLabel.find((r) => r.key === label)!)).toEqual({ breached: 2, atRisk: 1, met: 2, onTrack: 0, total: 5 });
    await compactSlaRollup();
    expect(only((await slaBreakdown(since)).byLabel.find((r) => r.key === label)!)).toEqual({ breached: 2, atRisk: 1, met: 2, onTrack: 0, total: 5 });
  });

  it("exports the figures as CSV", async () => {
    const csv = await slaCsv(7);
    expect(csv.split("\r\n")[0]).toBe("figure,group,breached,at_risk,met,on_track,events,open_tasks,overdue_tasks,seconds,period_start");
    expect(csv).toContain(`label,${label},2,1,2,0,5,`);
    expect(csv).toContain(`owner,sla-owner-${tag},2,1,2,0,5,`);
  });
});
