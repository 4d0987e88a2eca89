// SLA clocks of phases, prompts and approvals, and a container's due time following its severity,
// on the real database with the running `vigil start`'s worker firing the clocks. A clock is made
// due by moving its due time to now (SLAs are in minutes); a breach marks the object, notifies
// its owner and their manager, and is audited once.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";
import { waitFor } from "@/lib/testing/action-kit";
import { graph, playbook } from "@/lib/engine/testing/helpers";
import { SYSTEM } from "./actor";
import { createUser } from "./users";

let admin: Client;
let analyst: Client;
let managerId: number;
let ownerId: number;
let ownerName: string;

const timerOf = (objectType: string, objectId: number) => db.slaTimer.findUnique({ where: { objectType_objectId: { objectType, objectId } } });
const dueNow = (objectType: string, objectId: number) =>
  db.$executeRaw`update sla_timers set due_at = now() where object_type = ${objectType} and object_id = ${objectId} and state = 'running'`;
const breachAudits = (objectType: string, objectId: number) =>
  db.auditLog.count({ where: { objectType, objectId: String(objectId), action: "sla.breach" } });
const notified = (userId: number, objectType: string, objectId: number) =>
  db.notification.count({ where: { userId, kind: "sla_breached", objectType, objectId } });

beforeAll(async () => {
  [admin, analyst] = await Promise.all([tokenClient("administrator"), tokenClient("analyst")]);
  const manager = await createUser({ username: unique("manager"), role: "manager", password: "correct horse battery" }, SYSTEM);
  managerId = manager.user.id;
  ownerName = unique("owner");
  const owner = await createUser({ username: ownerName, role: "analyst", password: "correct horse battery" }, SYSTEM);
  ownerId = owner.user.id;
  await db.user.update({ where: { id: ownerId }, data: { managerId } });
});

describe("phase clocks", () => {
  let label: string;
  beforeAll(async () => {
    label = unique("phase-sla");
    const t = await admin.call("POST", "/rest/workbook_template", {
      name: unique("phased"), labels: [label],
      phases: [{ name: "Contain", sla: 45, tasks: [{ name: "Isolate" }, { name: "Reset password" }] }],
    });
    expect(t.status, JSON.stringify(t.body)).toBe(200);
  });
  const newPhase = async () => {
    const c = await analyst.call("POST", "/rest/container", { name: unique("phase"), label });
    const phase = await db.workbookPhase.findFirstOrThrow({ where: { containerId: c.body.id }, include: { tasks: true } });
    return { containerId: c.body.id as number, phase };
  };

  it("starts with the workbook, breaches once: marked, owner and their manager notified, audited", async () => {
    const { phase } = await newPhase();
    expect(await timerOf("phase", phase.id)).toMatchObject({ state: "running", budgetMs: 2_700_000n });
    await db.workbookPhase.update({ where: { id: phase.id }, data: { ownerId } });
    await dueNow("phase", phase.id);
    await waitFor("the phase breach", async () => (await db.workbookPhase.findUniqueOrThrow({ where: { id: phase.id } })).slaBreached, 90_000, 200);
    expect((await timerOf("phase", phase.id))?.state).toBe("breached");
    expect(await notified(ownerId, "phase", phase.id)).toBe(1);
    expect(await notified(managerId, "phase", phase.id)).toBe(1);
    await new Promise((r) => setTimeout(r, 2000));
    expect(await breachAudits("phase", phase.id)).toBe(1);
  }, 120_000);

  it("is met when the phase's last task is completed, and runs on when one is reopened", async () => {
    const { phase } = await newPhase();
    const [a, b] = phase.tasks;
    await analyst.call("POST", `/rest/workbook_task/${a!.id}`, { status: 1 });
    expect((await timerOf("phase", phase.id))?.state).toBe("running");
    await analyst.call("POST", `/rest/workbook_task/${b!.id}`, { status: 1 });
    expect((await timerOf("phase", phase.id))?.state).toBe("met");
    await analyst.call("POST", `/rest/workbook_task/${b!.id}`, { status: 0 });
    expect((await timerOf("phase", phase.id))?.state).toBe("running");
  });
});

describe("prompt clocks", () => {
  const promptPlaybook = () => playbook(graph({
    "0": { type: "start" },
    "2": { type: "prompt", name: "ask", approver: { user: ownerName }, message: "Quarantine the host?", responseTime: 30, responses: [{ prompt: "Quarantine?", type: "yes/no" }] },
    "1": { type: "end" },
  }, ["0>2", "2>1"]));
  const startPrompt = async () => {
    const c = (await analyst.call("POST", "/rest/container", { name: unique("prompt sla"), label: "events" })).body.id;
    const run = await analyst.call("POST", "/rest/playbook_run", { container_id: c, playbook_id: await promptPlaybook(), scope: "all", run: true });
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    return waitFor("the prompt", () => db.playbookCallback.findFirst({ where: { runId: run.body.playbook_run_id, kind: "prompt" } }), 60_000, 200);
  };

  it("runs from the prompt's creation to its respond-by time and is met when answered", async () => {
    const cb = await startPrompt();
    const t = await timerOf("prompt", cb.id);
    expect(t).toMatchObject({ state: "running", budgetMs: 1_800_000n });
    expect(t!.dueAt!.getTime()).toBe(cb.due!.getTime());
    await admin.call("POST", `/rest/approval/${cb.id}`, { status: "approve", responses: ["Yes"] });
    expect((await timerOf("prompt", cb.id))?.state).toBe("met");
  }, 120_000);

  it("unanswered past its respond-by time: the playbook times it out and its owner and their manager hear of the breach", async () => {
    const cb = await startPrompt();
    await db.playbookCallback.update({ where: { id: cb.id }, data: { due: new Date() } });
    await dueNow("prompt", cb.id);
    await waitFor("the prompt breach", async () => (await timerOf("prompt", cb.id))?.state === "breached", 90_000, 200);
    expect(await notified(ownerId, "prompt", cb.id)).toBe(1);
    expect(await notified(managerId, "prompt", cb.id)).toBe(1);
    expect(await breachAudits("prompt", cb.id)).toBe(1);
    // Timed out by the engine's sweep ("done"), then taken by the run's next turn ("consumed"),
    // often within milliseconds of each other: either shows the timeout happened.
    await waitFor("the prompt timed out", async () => {
      const now = await db.playbookCallback.findUniqueOrThrow({ where: { id: cb.id } });
      return now.status !== "pending" && (now.result as { message?: string } | null)?.message === "the prompt timed out";
    }, 60_000, 200);
    expect((await timerOf("prompt", cb.id))?.state).toBe("breached");
  }, 150_000);
});

describe("approval clocks", () => {
  it("past the last stage an approval is marked breached; its approvers and managers are told, once", async () => {
    const owner = await createUser({ username: unique("fw-owner"), role: "asset_owner", password: "correct horse battery" }, SYSTEM);
    const asset = unique("fw");
    const created = await admin.call("POST", "/rest/asset", {
      name: asset, product_vendor: "Generic", product_name: "HTTP", configuration: { base_url: "http://127.0.0.1:9" },
      approval_required_for: ["investigate"], primary_owners: [{ user: owner.user.id }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const c = (await analyst.call("POST", "/rest/container", { name: unique("gated"), label: "events" })).body.id;
    const r = await analyst.call("POST", "/rest/action_run", { action: "get data", container_id: c, targets: [{ assets: [asset], parameters: [{ location: "/" }] }] });
    const approval = await db.approval.findFirstOrThrow({ where: { actionRunId: r.body.action_run_id } });
    // No secondary owners: the first escalation goes to the managers, the next breaches.
    await dueNow("approval", approval.id);
    await waitFor("the escalation to the managers", async () => (await db.approval.findUniqueOrThrow({ where: { id: approval.id } })).stage === 3, 90_000, 200);
    await dueNow("approval", approval.id);
    await waitFor("the approval breach", async () => (await db.approval.findUniqueOrThrow({ where: { id: approval.id } })).slaBreached, 90_000, 200);
    expect((await timerOf("approval", approval.id))?.state).toBe("breached");
    expect(await notified(managerId, "approval", approval.id)).toBe(1);
    expect(await breachAudits("approval", approval.id)).toBe(1);
    // Still answerable by a manager after the breach.
    expect((await db.approval.findUniqueOrThrow({ where: { id: approval.id } })).status).toBe("pending");
  }, 200_000);
});

describe("a container's due time follows its severity", () => {
  it("keeps the time used and is due when the new severity's minutes are spent", async () => {
    const c = (await analyst.call("POST", "/rest/container", { name: unique("sev"), label: "events", severity: "low" })).body.id;
    const low = await timerOf("container", c);
    expect(low!.budgetMs).toBe(1440n * 60_000n);
    await new Promise((r) => setTimeout(r, 1000));
    const changed = await analyst.call("POST", `/rest/container/${c}`, { severity: "high" });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const high = await timerOf("container", c);
    expect(high).toMatchObject({ state: "running", budgetMs: 3_600_000n });
    expect(Number(high!.usedMs)).toBeGreaterThanOrEqual(1000);
    // Due 60 minutes of budget from creation: now + (60 min - used).
    expect(Math.abs(high!.dueAt!.getTime() - (high!.runningSince!.getTime() + 3_600_000 - Number(high!.usedMs)))).toBeLessThanOrEqual(1);
    const got = (await analyst.call("GET", `/rest/container/${c}`)).body;
    expect(Date.parse(got.due_time)).toBe(high!.dueAt!.getTime());
    expect(Date.parse(got.due_time)).toBeLessThan(Date.parse(got.create_time) + 3_600_000 + 5_000);
  });
});
