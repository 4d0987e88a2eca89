// Approvals on the real database and job runner: an action on an asset that requires approval
// for its type waits without running (no request reaches the service), its primary owner is
// notified; unanswered past the SLA it escalates to the secondary owner; approving runs it,
// denying fails it with the reason. The SLA clock is advanced by moving its due time to now
// (the asset's SLA is in minutes); the running `vigil start`'s worker does the rest.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";
import { startHttpServer, waitFor, type TestServer } from "@/lib/testing/action-kit";
import type { Actor } from "./actor";
import { SYSTEM } from "./actor";
import { respondApproval } from "./approvals";
import { createUser } from "./users";

let admin: Client;
let analyst: Client;
let server: TestServer;
let hits = 0;
let asset: string;
let containerId: number;
const owners: Actor[] = [];

beforeAll(async () => {
  [admin, analyst] = await Promise.all([tokenClient("administrator"), tokenClient("analyst")]);
  server = await startHttpServer((_req, res) => {
    hits++;
    res.writeHead(200, { "content-type": "application/json" });
    res.end("{}");
  });
  for (const name of ["primary", "secondary"]) {
    const { user } = await createUser({ username: unique(name), role: "asset_owner", password: "correct horse battery" }, SYSTEM);
    owners.push({ id: user.id, name: user.username, role: "asset_owner" });
  }
  asset = unique("firewall");
  const created = await admin.call("POST", "/rest/asset", {
    name: asset, product_vendor: "Generic", product_name: "HTTP", configuration: { base_url: server.url },
    approval_required_for: ["investigate"], primary_owners: [{ user: owners[0]!.id }], secondary_owners: [{ user: owners[1]!.id }],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  containerId = (await analyst.call("POST", "/rest/container", { name: unique("needs approval"), label: "events" })).body.id;
});
afterAll(async () => {
  await server?.close();
});

async function requestAction(): Promise<{ runId: number; approvalId: number }> {
  const r = await analyst.call("POST", "/rest/action_run", { action: "get data", container_id: containerId, targets: [{ assets: [asset], parameters: [{ location: "/block" }] }] });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const runId = r.body.action_run_id;
  const approval = await db.approval.findFirstOrThrow({ where: { actionRunId: runId } });
  return { runId, approvalId: approval.id };
}
const finished = (runId: number) => waitFor(`action run ${runId}`, async () => {
  const r = await analyst.call("GET", `/rest/action_run/${runId}`);
  return ["success", "failed"].includes(r.body.status) ? r.body : null;
}, 30_000, 200);

describe("approvals", () => {
  it("wait for the primary owner, escalate to the secondary owner past the SLA, and run once approved", async () => {
    const before = hits;
    const { runId, approvalId } = await requestAction();
    expect((await db.appRun.findMany({ where: { actionRunId: runId } })).map((r) => r.status)).toEqual(["approval"]);
    expect((await analyst.call("GET", `/rest/action_run/${runId}`)).body).toMatchObject({ status: "pending", message: expect.stringContaining("waiting for approval") });
    expect(await db.notification.count({ where: { userId: owners[0]!.id!, kind: "approval", objectId: approvalId } })).toBe(1);
    await expect(respondApproval(approvalId, "approve", "", owners[1]!)).rejects.toThrow(/not yours to answer/);
    await new Promise((r) => setTimeout(r, 1500));
    expect(hits).toBe(before); // nothing ran while waiting

    // The SLA runs out: the worker escalates to the secondary owner, once.
    await db.$executeRaw`update sla_timers set due_at = now() where object_type = 'approval' and object_id = ${approvalId}`;
    await waitFor("the escalation", async () => (await db.approval.findUnique({ where: { id: approvalId } }))?.stage === 2, 20_000, 200);
    expect(await db.notification.count({ where: { userId: owners[1]!.id!, kind: "approval_escalated", objectId: approvalId } })).toBe(1);
    expect(await db.auditLog.count({ where: { objectType: "approval", objectId: String(approvalId), action: "approval.escalate" } })).toBe(1);
    await expect(respondApproval(approvalId, "approve", "", owners[0]!)).rejects.toThrow(/not yours to answer/);

    await respondApproval(approvalId, "approve", "go ahead", owners[1]!);
    expect(await finished(runId)).toMatchObject({ status: "success" });
    expect(hits).toBe(before + 1);
    await expect(respondApproval(approvalId, "deny", "", owners[1]!)).rejects.toThrow(/already answered/);
    expect((await db.slaTimer.findFirst({ where: { objectType: "approval", objectId: approvalId } }))?.state).toBe("met");
  });

  it("deny fails the action run with the reason and never runs it", async () => {
    const before = hits;
    const { runId, approvalId } = await requestAction();
    await respondApproval(approvalId, "deny", "not during business hours", owners[0]!);
    const run = await finished(runId);
    expect(run.status).toBe("failed");
    const appRun = await db.appRun.findFirstOrThrow({ where: { actionRunId: runId } });
    expect(appRun.message).toBe(`denied by ${owners[0]!.name}: not during business hours`);
    expect(hits).toBe(before);
    expect(await db.notification.count({ where: { kind: "approval", objectId: approvalId, title: { contains: "denied" } } })).toBe(1);
  });
});
