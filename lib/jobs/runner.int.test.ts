// The job runner's per-asset concurrency limit and cancellation, through REST and the worker of
// the running `vigil start`, against a real server on loopback.
import type http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";
import { runAction, startHttpServer, waitFor, type TestServer } from "@/lib/testing/action-kit";

let admin: Client;
let server: TestServer;
let containerId: number;
let inFlight = 0;
let maxInFlight = 0;
let aborted = 0;
const held: http.ServerResponse[] = [];

beforeAll(async () => {
  admin = await tokenClient("administrator");
  containerId = (await admin.call("POST", "/rest/container", { name: "runner tests" })).body.id;
  server = await startHttpServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on("close", () => {
      inFlight--;
      if (!res.writableEnded) aborted++;
    });
    if (req.url?.startsWith("/hold")) return void held.push(res);
    if (req.url?.startsWith("/fast")) return void res.end("{}");
    setTimeout(() => res.end("{}"), 150);
  });
});
afterAll(async () => server?.close());

async function asset(extra: Record<string, unknown>) {
  const name = unique("runner");
  expect((await admin.call("POST", "/rest/asset", { name, product_vendor: "Generic", product_name: "HTTP", configuration: { base_url: server.url }, ...extra })).status).toBe(200);
  return name;
}

describe("the job runner", () => {
  it("never runs more app runs of one asset at once than its concurrency limit", async () => {
    const name = await asset({ concurrency_limit: 3 });
    maxInFlight = 0;
    const parameters = Array.from({ length: 12 }, (_, i) => ({ location: `/slow?i=${i}` }));
    const { actionRun, appRuns } = await runAction(admin, { action: "get data", container_id: containerId, targets: [{ assets: [name], parameters }] });
    expect(actionRun.status).toBe("success");
    expect(appRuns.every((r) => r.status === "success")).toBe(true);
    expect(maxInFlight).toBe(3);
  });

  it("runs each app run once when no worker dies (no lease is mistaken for lost under load)", async () => {
    const name = await asset({ concurrency_limit: 200 });
    const parameters = Array.from({ length: 1500 }, (_, i) => ({ location: `/fast?i=${i}` }));
    const created = await admin.call("POST", "/rest/action_run", { action: "get data", container_id: containerId, targets: [{ assets: [name], parameters }] });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const id: number = created.body.action_run_id;
    await waitFor("1,500 runs", async () => (await db.actionRun.findUnique({ where: { id } }))?.remaining === 0, 60_000, 200);
    const attempts = await db.appRun.groupBy({ by: ["status", "attempt"], where: { actionRunId: id }, _count: true });
    expect(attempts.map((a) => [a.status, a.attempt, a._count])).toEqual([["success", 1, 1500]]);
  }, 90_000);

  it("one asset's backlog does not hold up another asset's runs", async () => {
    const busy = await asset({ concurrency_limit: 1 });
    const idle = await asset({});
    // More due runs than a claim looks at in one go (4 x 100), all of one asset that may run one.
    const backlog = Array.from({ length: 450 }, (_, i) => ({ location: `/slow?i=${i}` }));
    const slow = await admin.call("POST", "/rest/action_run", { action: "get data", container_id: containerId, targets: [{ assets: [busy], parameters: backlog }] });
    const quick = await runAction(admin, { action: "get data", container_id: containerId, targets: [{ assets: [idle], parameters: [{ location: "/slow" }] }] });
    expect(quick.actionRun.status).toBe("success");
    // 450 runs one at a time take over a minute; the other asset's run finished long before.
    expect((await admin.call("GET", `/rest/action_run/${slow.body.action_run_id}`)).body.status).toBe("running");
    expect((await admin.call("POST", `/rest/action_run/${slow.body.action_run_id}`, { cancel: true })).status).toBe(200);
  });

  it("cancel: pending runs are cancelled at once, the running one is aborted", async () => {
    const name = await asset({ concurrency_limit: 1, timeout_seconds: 60 });
    aborted = 0;
    const parameters = Array.from({ length: 4 }, (_, i) => ({ location: `/hold?i=${i}` }));
    const created = await admin.call("POST", "/rest/action_run", { action: "get data", container_id: containerId, targets: [{ assets: [name], parameters }] });
    const id: number = created.body.action_run_id;
    await waitFor("the first run to reach the server", async () => held.length === 1);
    expect((await admin.call("GET", `/rest/action_run/${id}`)).body.status).toBe("running");

    expect((await admin.call("POST", `/rest/action_run/${id}`, { cancel: false })).status).toBe(400);
    const cancel = await admin.call("POST", `/rest/action_run/${id}`, { cancel: true });
    expect(cancel.status).toBe(200);
    const run = await waitFor("the action run to be cancelled", async () => {
      const r = (await admin.call("GET", `/rest/action_run/${id}`)).body;
      return r.status === "cancelled" ? r : null;
    }, 15_000);
    expect(run.cancelled).not.toBeNull();
    expect(run.message).toBe("0 actions succeeded, 4 cancelled");
    const runs = await db.appRun.findMany({ where: { actionRunId: id }, orderBy: { id: "asc" } });
    expect(runs.map((r) => r.status)).toEqual(["cancelled", "cancelled", "cancelled", "cancelled"]);
    expect(runs.filter((r) => r.message === "cancelled before it started")).toHaveLength(3);
    expect(runs[0]!.resultData).toMatchObject([{ status: "failed" }]);
    await waitFor("the server to see the request aborted", async () => aborted === 1);
    expect(held).toHaveLength(1);
  });
});
