// "SLA at risk" warnings and the other notifications people get, on the real database with the
// running `vigil start`'s worker: a clock that passes the at-risk share warns its owner once
// (before the breach, which still comes), the share is the administrators' setting, a task's
// clock warns its owner; an event assigned to someone and an @mention in a note tell them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";
import { waitFor } from "@/lib/testing/action-kit";
import { SYSTEM } from "./actor";
import { notificationSettings, saveNotificationSettings } from "./notification-email";
import { createUser } from "./users";

let admin: Client;
let ownerId: number;
let ownerName: string;
let percent = 80;
const kinds = async (userId: number, kind: string, objectType: string, objectId: number) =>
  db.notification.count({ where: { userId, kind, objectType, objectId } });
const audits = (action: string, objectType: string, objectId: number) =>
  db.auditLog.count({ where: { action, objectType, objectId: String(objectId) } });
const timerOf = (objectType: string, objectId: number) =>
  db.slaTimer.findUniqueOrThrow({ where: { objectType_objectId: { objectType, objectId } } });

beforeAll(async () => {
  admin = await tokenClient("administrator");
  ownerName = unique("risk-owner");
  ownerId = (await createUser({ username: ownerName, role: "analyst", password: "correct horse battery" }, SYSTEM)).user.id;
  const s = await notificationSettings();
  percent = s.atRiskPercent;
});
afterAll(async () => {
  const s = await notificationSettings();
  await saveNotificationSettings({ smtpAssetId: s.smtpAssetId, atRiskPercent: percent }, SYSTEM);
});

describe("SLA at risk", () => {
  it("warns the owner once when 80% is used, then the breach still comes", async () => {
    const c = await admin.call("POST", "/rest/container", { name: unique("at risk"), label: "events", owner_id: ownerId, due_time: new Date(Date.now() + 5000).toISOString() });
    const id = c.body.id as number;
    await waitFor("the breach", async () => (await db.container.findUniqueOrThrow({ where: { id } })).slaBreached, 60_000, 200);
    await new Promise((r) => setTimeout(r, 2500)); // more worker ticks: nothing is warned twice
    expect(await kinds(ownerId, "sla_at_risk", "container", id)).toBe(1);
    expect(await audits("sla.at_risk", "container", id)).toBe(1);
    expect(await audits("sla.breach", "container", id)).toBe(1);
    const warning = await db.notification.findFirstOrThrow({ where: { userId: ownerId, kind: "sla_at_risk", objectId: id } });
    expect(warning.title).toContain("SLA at risk: event");
    expect(warning.body).toContain("80% of its SLA is used");
    // The warning came before the breach.
    const breach = await db.notification.findFirstOrThrow({ where: { userId: ownerId, kind: "sla_breached", objectId: id } });
    expect(warning.id < breach.id).toBe(true);
  });

  it("takes the administrators' share: at 50% an hour's SLA is at risk after 30 minutes", async () => {
    await saveNotificationSettings({ smtpAssetId: (await notificationSettings()).smtpAssetId, atRiskPercent: 50 }, SYSTEM);
    const c = await admin.call("POST", "/rest/container", { name: unique("half"), label: "events", due_time: new Date(Date.now() + 3_600_000).toISOString() });
    const t = await timerOf("container", c.body.id);
    expect(t.riskAt!.getTime() - t.runningSince!.getTime()).toBe(Number(t.budgetMs) / 2);
    expect(await saveNotificationSettings({ smtpAssetId: null, atRiskPercent: 100 }, SYSTEM).catch((e: Error) => e.message)).toMatch(/at_risk_percent: a whole percentage from 1 to 99/);
    // Running clocks not yet warned follow a new share.
    await saveNotificationSettings({ smtpAssetId: (await notificationSettings()).smtpAssetId, atRiskPercent: 90 }, SYSTEM);
    const moved = await timerOf("container", c.body.id);
    expect(moved.riskAt!.getTime() - moved.runningSince!.getTime()).toBe(Math.round(Number(moved.budgetMs) * 0.9));
    await saveNotificationSettings({ smtpAssetId: (await notificationSettings()).smtpAssetId, atRiskPercent: 80 }, SYSTEM);
  });

  it("warns a task's owner when its clock has used the share", async () => {
    const label = unique("risk-task");
    expect((await admin.call("POST", "/rest/workbook_template", { name: unique("risky"), labels: [label], phases: [{ name: "Respond", tasks: [{ name: "Isolate host", sla: 30 }] }] })).status).toBe(200);
    const c = await admin.call("POST", "/rest/container", { name: unique("task risk"), label });
    const task = await db.workbookTask.findFirstOrThrow({ where: { containerId: c.body.id } });
    expect((await admin.call("POST", `/rest/workbook_task/${task.id}`, { owner_id: ownerId })).status).toBe(200);
    // 25 of its 30 minutes used (as if it had run that long): past 80%, not yet due.
    await db.$executeRaw`update sla_timers set used_ms = 1500000 where object_type = 'task' and object_id = ${task.id}`;
    await waitFor("the task's warning", () => kinds(ownerId, "sla_at_risk", "task", task.id), 60_000, 200);
    expect((await timerOf("task", task.id)).state).toBe("running");
    const n = await db.notification.findFirstOrThrow({ where: { userId: ownerId, kind: "sla_at_risk", objectType: "task", objectId: task.id } });
    expect(n).toMatchObject({ title: 'SLA at risk: task "Isolate host"', link: `/events/${c.body.id}#workbook` });
  });
});

describe("assignment and mentions", () => {
  it("tells the user an event is assigned to, and the users an @mention in a note names (not its author)", async () => {
    const c = await admin.call("POST", "/rest/container", { name: unique("assign me"), label: "events" });
    const id = c.body.id as number;
    expect((await admin.call("POST", `/rest/container/${id}`, { owner_id: ownerId })).status).toBe(200);
    const assigned = await db.notification.findFirstOrThrow({ where: { userId: ownerId, kind: "assigned", objectId: id } });
    expect(assigned.title).toContain("Event assigned to you");
    const note = await admin.call("POST", "/rest/note", { container_id: id, title: "Scope", content: `@${ownerName} please check the proxy logs; cc @${admin.username}`, note_type: "general" });
    expect(note.status, JSON.stringify(note.body)).toBe(200);
    const mention = await db.notification.findFirstOrThrow({ where: { userId: ownerId, kind: "mention", objectId: id } });
    expect(mention).toMatchObject({ title: `${admin.username} mentioned you in the note "Scope"`, link: `/events/${id}` });
    expect(mention.body).toContain("please check the proxy logs");
    const author = await db.user.findUniqueOrThrow({ where: { username: admin.username } });
    expect(await db.notification.count({ where: { userId: author.id, kind: "mention", objectId: id } })).toBe(0);
  });
});
