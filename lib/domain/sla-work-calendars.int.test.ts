// Business-hours calendars for the clocks of the work on a container, on the real database: its
// workbook phases and tasks, and its approvals, count in the calendar of the container's
// severity, and so does the "at risk" instant. The calendar is round the clock in UTC with today
// and tomorrow as holidays, so nothing counts until the day after tomorrow however long the test
// takes (under a day).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { startHttpServer, type TestServer } from "@/lib/testing/action-kit";
import { tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";
import { SYSTEM } from "./actor";
import { saveCalendar } from "./sla-calendars";

const H = 3_600_000;
let admin: Client;
let severity: string;
let label: string;
let calendar: number;
let dayAfterTomorrow: number;
let server: TestServer;
const timerOf = (objectType: string, objectId: number) => db.slaTimer.findUniqueOrThrow({ where: { objectType_objectId: { objectType, objectId } } });

beforeAll(async () => {
  admin = await tokenClient("administrator");
  const [row] = await db.$queryRaw<{ d: string }[]>`select (now() at time zone 'UTC')::date::text as d`;
  const today = Date.parse(`${row!.d}T00:00:00Z`);
  dayAfterTomorrow = today + 48 * H;
  const holidays = [today, today + 24 * H].map((t) => new Date(t).toISOString().slice(0, 10));
  calendar = (await saveCalendar({ name: unique("work-holidays"), timeZone: "UTC", hours: Array.from({ length: 7 }, () => [[0, 1440]] as [number, number][]), holidays }, SYSTEM)).id;
  severity = unique("sev-work");
  await db.severity.create({ data: { name: severity, slaMinutes: 240, slaCalendarId: calendar } });
  label = unique("work-cal");
  const t = await admin.call("POST", "/rest/workbook_template", { name: unique("office wb"), labels: [label], phases: [{ name: "Contain", sla: 30, tasks: [{ name: "Isolate", sla: 20 }] }] });
  expect(t.status, JSON.stringify(t.body)).toBe(200);
  server = await startHttpServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end("{}"));
});
afterAll(async () => server?.close());

describe("calendars for phase, task and approval clocks", () => {
  it("a workbook's phase and task clocks count in the container's severity calendar, and so does at risk", async () => {
    const c = await admin.call("POST", "/rest/container", { name: unique("office"), label, severity });
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    const task = await db.workbookTask.findFirstOrThrow({ where: { containerId: c.body.id } });
    const phase = await db.workbookPhase.findFirstOrThrow({ where: { containerId: c.body.id } });
    const t = await timerOf("task", task.id);
    expect(t).toMatchObject({ state: "running", calendarId: calendar, budgetMs: 1_200_000n });
    expect(t.dueAt!.getTime()).toBe(dayAfterTomorrow + 20 * 60_000);
    expect(task.dueTime!.getTime()).toBe(dayAfterTomorrow + 20 * 60_000);
    // 80% of 20 working minutes: 16 minutes into the day after tomorrow.
    expect(t.riskAt!.getTime()).toBe(dayAfterTomorrow + 16 * 60_000);
    const p = await timerOf("phase", phase.id);
    expect(p).toMatchObject({ calendarId: calendar });
    expect(p.dueAt!.getTime()).toBe(dayAfterTomorrow + 30 * 60_000);
    // Completing the task counts no working time used on a holiday.
    expect((await admin.call("POST", `/rest/workbook_task/${task.id}`, { status: 1 })).status).toBe(200);
    expect(await timerOf("task", task.id)).toMatchObject({ state: "met", usedMs: 0n });
  });

  it("an approval's clock counts in the calendar of its container's severity", async () => {
    const asset = unique("gated");
    const a = await admin.call("POST", "/rest/asset", {
      name: asset, product_vendor: "Generic", product_name: "HTTP", configuration: { base_url: server.url },
      approval_required_for: ["investigate"], approval_sla_minutes: 45, primary_owners: [{ user: admin.username }],
    });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    const c = await admin.call("POST", "/rest/container", { name: unique("gated"), label: "events", severity });
    const run = await admin.call("POST", "/rest/action_run", { action: "get data", container_id: c.body.id, targets: [{ assets: [asset], parameters: [{ location: "/x" }] }] });
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    const approval = await db.approval.findFirstOrThrow({ where: { actionRunId: run.body.action_run_id } });
    expect(approval.dueAt!.getTime()).toBe(dayAfterTomorrow + 45 * 60_000);
    expect(await timerOf("approval", approval.id)).toMatchObject({ calendarId: calendar, state: "running" });
  });
});
