// Poison runs, through the worker of the running `vigil start`: an app run whose app process
// dies under it again and again is failed after VIGIL_POISON_DEATHS (3) deaths with a message
// saying so, instead of being retried forever; the runs a crash took down with it are retried
// and succeed; and a run whose workers keep dying holding it is failed by the next worker.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { insertActionRun, planActionRun } from "@/lib/domain/action-runs";
import { SYSTEM } from "@/lib/domain/actor";
import { inTransaction } from "@/lib/domain/transactions";
import { tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";
import { runAction, startHttpServer, waitFor, type TestServer } from "@/lib/testing/action-kit";
import { installTestApp } from "@/lib/testing/app-kit";

// `crash` kills its own process while in flight; `crash_once` does so only on its first try
// (it leaves a mark in the asset's state); `slow` waits on the test server, a bystander.
const APP_CODE = `
module.exports = { actions: {
  crash: async () => { setTimeout(() => process.exit(7), 50); return new Promise(() => {}); },
  crash_once: async (ctx) => {
    if (!(await ctx.state.get())) { await ctx.state.set({ crashed: true }); setTimeout(() => process.exit(9), 50); return new Promise(() => {}); }
    return { status: "success", message: "survived", data: [], summary: {} };
  },
  slow: async (ctx) => {
    const res = await ctx.fetch(ctx.config.server + "/slow");
    return { status: "success", message: await res.text(), data: [], summary: {} };
  },
} };`;

let analyst: Client;
let admin: Client;
let containerId: number;
let server: TestServer;
let vendor: string;
let slowArrived = 0;

beforeAll(async () => {
  [admin, analyst] = [await tokenClient("administrator"), await tokenClient("analyst")];
  containerId = (await admin.call("POST", "/rest/container", { name: "poison runs" })).body.id;
  server = await startHttpServer((_req, res) => {
    slowArrived++;
    setTimeout(() => res.end("slow done"), 1500);
  });
  vendor = unique("Poison Test");
  const none = { parameters: {}, type: "generic" };
  await installTestApp({
    appid: unique("poison-app"), name: "Poison test", product_vendor: vendor, product_name: "Crasher", app_version: "1.0.0",
    configuration: { server: { data_type: "string" } },
    actions: [{ action: "crash", identifier: "crash", ...none }, { action: "crash once", identifier: "crash_once", ...none }, { action: "slow", identifier: "slow", ...none }],
  }, APP_CODE);
});
afterAll(async () => server?.close());

async function asset() {
  const name = unique("crasher");
  const created = await admin.call("POST", "/rest/asset", { name, product_vendor: vendor, product_name: "Crasher", configuration: { server: server.url } });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  return { name, id: created.body.id as number };
}

const run = (assetName: string, action: string) => runAction(analyst, { action, container_id: containerId, targets: [{ assets: [assetName], parameters: [{}] }] }, 60_000);

describe("poison runs", () => {
  it("fail after 3 deaths of their app's process, with a message that says so", async () => {
    const { name } = await asset();
    const { actionRun, appRuns } = await run(name, "crash");
    expect(actionRun.status).toBe("failed");
    expect(appRuns[0]).toMatchObject({ status: "failed", attempt: 3, exception_occured: true });
    expect(appRuns[0].result_data[0].message).toMatch(
      /^poison run: the process running this app run died 3 times \(last: the Poison test app's process exited \(code 7\) while this run was in flight\); it is not tried again \(VIGIL_POISON_DEATHS=3\)$/);
    expect((await db.appRun.findUniqueOrThrow({ where: { id: appRuns[0].id } })).deaths).toBe(3);
  }, 90_000);

  it("retry the runs a crash took down with it, which then succeed", async () => {
    const { name } = await asset();
    const before = slowArrived;
    const bystander = run(name, "slow");
    await waitFor("the bystander to be in flight", async () => slowArrived > before);
    const culprit = await run(name, "crash once");
    expect(culprit.actionRun.status).toBe("success");
    const { actionRun, appRuns } = await bystander;
    expect(actionRun.status).toBe("success");
    expect(appRuns[0]).toMatchObject({ status: "success", attempt: 2 });
    expect(appRuns[0].result_data[0].message).toBe("slow done");
    expect((await db.appRun.findUniqueOrThrow({ where: { id: appRuns[0].id } })).deaths).toBe(1);
  }, 90_000);

  it("fail without running when workers keep dying while holding them (their leases ran out)", async () => {
    const { id } = await asset();
    const before = slowArrived;
    // A run two workers already died holding, committed with its lease run out: the worker
    // that takes it over counts the third death and fails it instead of running it.
    const planned = await planActionRun({ action: "slow", container_id: containerId, targets: [{ assets: [id], parameters: [{}] }] });
    const actionRunId = await inTransaction(async (tx) => {
      const created = await insertActionRun(tx, planned, SYSTEM);
      await tx.$executeRaw`update app_runs set status = 'running', attempt = 2, deaths = 2, lease_owner = 'dead-worker',
        lease_expires_at = now() - interval '1 second', start_time = now() where action_run_id = ${created.id}`;
      return created.id;
    });
    const appRun = await waitFor("the run to be failed", async () => {
      const r = await db.appRun.findFirst({ where: { actionRunId } });
      return r && r.status !== "running" ? r : null;
    });
    expect(appRun).toMatchObject({ status: "failed", deaths: 3, attempt: 3 });
    expect(appRun.message).toContain("poison run: the process running this app run died 3 times (last: the worker holding it stopped renewing its lease)");
    expect(slowArrived).toBe(before);
    expect((await db.actionRun.findUniqueOrThrow({ where: { id: actionRunId } })).status).toBe("failed");
  }, 60_000);
});
