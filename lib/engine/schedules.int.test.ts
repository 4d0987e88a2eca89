// Schedule triggers: two workers poll the same schedules and every tick runs exactly once; the
// next tick is in PostgreSQL, so ticks missed while no worker ran give one run, not none and not
// one per missed tick; bad cron expressions and time zones are refused in words.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { DomainError } from "../domain/errors";
import { createSchedule, setScheduleActive } from "../domain/playbook-schedules";
import { playbookScheduleSchema } from "../schemas/playbooks";
import { Engine } from "./runner";
import { actor, container, graph, notes, playbook, waitRun } from "./testing/helpers";

const engines: Engine[] = [];
beforeAll(async () => {
  for (const name of ["a", "b"]) {
    const e = new Engine(`schedule-test-${name}-${process.pid}`, { pollMs: 100 });
    await e.start();
    engines.push(e);
  }
});
afterAll(() => Promise.all(engines.map((e) => e.stop())));

const noteOnTick = graph({
  "0": { type: "start" },
  "2": { type: "utility", utility: "add_note", values: { title: "tick", content: "container:name" } },
  "1": { type: "end" },
}, ["0>2", "2>1"]);

const schedule = (input: Record<string, unknown>) => createSchedule(playbookScheduleSchema.parse(input), actor);
const runsOf = (scheduleId: number) => db.playbookRun.findMany({ where: { startedBy: { startsWith: `schedule #${scheduleId} ` } }, orderBy: { id: "asc" } });

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("schedule triggers", () => {
  it("runs an active playbook at every tick, each tick once, though two workers poll", async () => {
    const c = await container();
    const pb = await playbook(noteOnTick, { active: true, labels: ["nothing_matches_this"] });
    const s = await schedule({ playbook_id: pb, container_id: c, cron: "* * * * * *" });
    expect(s.nextRun.getTime()).toBeGreaterThan(Date.now() - 1000);
    await until(() => runsOf(s.id), (r) => r.length >= 4);
    await setScheduleActive(s.id, false, actor);
    const runs = await runsOf(s.id);
    for (const r of runs) expect((await waitRun(r.id)).status).toBe("success");
    // One run per tick: the tick time is in started_by, and no tick appears twice.
    const ticks = runs.map((r) => r.startedBy);
    expect(new Set(ticks).size).toBe(ticks.length);
    expect(await notes(c)).toHaveLength(runs.length);
    const after = await db.playbookSchedule.findUniqueOrThrow({ where: { id: s.id } });
    expect(after.lastRunId).toBe(runs.at(-1)!.id);
    // Paused: no more runs.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await runsOf(s.id)).toHaveLength(runs.length);
  });

  it("runs a tick missed while no worker ran once, then waits for the next; skips inactive playbooks", async () => {
    const c = await container();
    const pb = await playbook(noteOnTick, { active: true, labels: ["nothing_matches_this"] });
    const yearly = await schedule({ playbook_id: pb, container_id: c, cron: "0 0 1 1 *", timezone: "Europe/Berlin" });
    expect(yearly.nextRun.toISOString()).toMatch(/-12-31T23:00:00.000Z$/);
    // As if the workers had been down over several ticks: next_run lies in the past.
    await db.playbookSchedule.update({ where: { id: yearly.id }, data: { nextRun: new Date(Date.now() - 3 * 365 * 86_400_000) } });
    const [run] = await until(() => runsOf(yearly.id), (r) => r.length === 1);
    expect((await waitRun(run!.id)).status).toBe("success");
    const after = await until(() => db.playbookSchedule.findUniqueOrThrow({ where: { id: yearly.id } }), (x) => x.nextRun.getTime() > Date.now());
    expect(after.nextRun.toISOString()).toMatch(/-12-31T23:00:00.000Z$/);
    await new Promise((r) => setTimeout(r, 500));
    expect(await runsOf(yearly.id)).toHaveLength(1);

    const idle = await playbook(noteOnTick, { active: false });
    const skipped = await schedule({ playbook_id: idle, container_id: c, cron: "* * * * * *" });
    await until(() => db.playbookSchedule.findUniqueOrThrow({ where: { id: skipped.id } }), (x) => x.nextRun.getTime() > skipped.nextRun.getTime() + 1500);
    expect(await runsOf(skipped.id)).toHaveLength(0);
    await setScheduleActive(skipped.id, false, actor);
  });

  it("refuses a bad cron expression, time zone, input playbook or container with the reason", async () => {
    const c = await container();
    const pb = await playbook(noteOnTick);
    const refused = (input: Record<string, unknown>) => schedule({ playbook_id: pb, container_id: c, cron: "*/5 * * * *", ...input }).then(() => null, (e: unknown) => e);
    const bad = await refused({ cron: "61 * * * *" });
    expect(bad).toBeInstanceOf(DomainError);
    expect((bad as DomainError).message).toBe("cron: Invalid value for minute: 61");
    expect(((await refused({ timezone: "Mars/Base" })) as Error).message).toBe('timezone: "Mars/Base" is not an IANA time zone (such as Europe/Berlin)');
    expect(((await refused({ container_id: 2_000_000_000 })) as Error).message).toBe("container_id: container 2000000000 does not exist");
    const input = await playbook(noteOnTick, { type: "input" });
    expect(((await refused({ playbook_id: input })) as Error).message).toMatch(/^playbook_id: an input playbook runs only from another playbook/);
    expect(await db.playbookSchedule.count({ where: { containerId: c } })).toBe(0);
  });
});
