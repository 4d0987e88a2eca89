// Ingest assets: scheduled polls and "poll now" through the worker of the running `vigil start`,
// an installed ingest app that fetches from a real server on loopback and saves what it finds
// with ctx.saveContainer.
import type http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";
import { startHttpServer, waitFor, type TestServer } from "@/lib/testing/action-kit";
import { installTestApp } from "@/lib/testing/app-kit";
import { runDuePolls } from "./asset-polling";

// Each poll asks the source for its next event and saves it; the source numbers them.
const APP_CODE = `
module.exports = { actions: {
  on_poll: async (ctx, p) => {
    const res = await ctx.fetch(ctx.config.source_url + "/next?asset=" + encodeURIComponent(ctx.asset.name));
    const event = await res.json();
    const saved = await ctx.saveContainer({ name: "polled event " + event.n, source_data_identifier: ctx.asset.name + "-" + event.n,
      artifacts: [{ name: "sender", cef: { fromEmail: "bad@example.com" } }] });
    return { status: "success", message: "saved " + saved.id, data: [{ saved, start_time: p.start_time, end_time: p.end_time }], summary: {} };
  },
  test: async () => ({ status: "success", message: "ok", data: [], summary: {} }),
} };`;

let admin: Client;
let source: TestServer;
let vendor: string;
const served = new Map<string, number>();
const held: http.ServerResponse[] = [];
let holdPolls = false;

beforeAll(async () => {
  admin = await tokenClient("administrator");
  source = await startHttpServer((req, res) => {
    const asset = new URL(req.url!, "http://x").searchParams.get("asset")!;
    const n = (served.get(asset) ?? 0) + 1;
    served.set(asset, n);
    const answer = () => res.end(JSON.stringify({ n }));
    if (holdPolls) held.push(Object.assign(res, { answer }));
    else answer();
  });
  vendor = unique("Poll Test");
  await installTestApp({
    appid: unique("poll-test-app"), name: "Poll test", product_vendor: vendor, product_name: "Mailbox", app_version: "1.0.0",
    configuration: { source_url: { data_type: "string", required: true } },
    actions: [
      { action: "on poll", identifier: "on_poll", type: "ingest", parameters: { start_time: { data_type: "numeric" }, end_time: { data_type: "numeric" } } },
      { action: "test connectivity", identifier: "test", type: "test", parameters: {} },
    ],
  }, APP_CODE);
});
afterAll(async () => source?.close());

async function asset(ingest?: Record<string, unknown>) {
  const name = unique("poller");
  const created = await admin.call("POST", "/rest/asset", { name, product_vendor: vendor, product_name: "Mailbox", configuration: { source_url: source.url }, ingest });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  return { name, id: created.body.id as number };
}

const polls = (assetName: string) => db.actionRun.findMany({ where: { name: `poll ${assetName}` }, orderBy: { id: "asc" } });

describe("ingest assets", () => {
  it("poll on their schedule, saving containers under the asset's label, each event once", async () => {
    const { name, id } = await asset({ poll: true, interval_seconds: 1, container_label: "polled-mail" });
    const shown = await admin.call("GET", `/rest/asset/${id}`);
    expect(shown.body.ingest).toMatchObject({ poll: true, interval_seconds: 1, interval_mins: 1 / 60, container_label: "polled-mail" });

    const runs = await waitFor("two finished scheduled polls", async () => {
      const r = await polls(name);
      return r.filter((x) => x.status === "success").length >= 2 ? r : null;
    }, 30_000, 200);
    expect(runs[0]).toMatchObject({ type: "ingest", containerId: null, creatorId: null, action: "on poll" });
    const containers = await db.container.findMany({ where: { sourceDataIdentifier: { startsWith: `${name}-` } }, orderBy: { id: "asc" } });
    expect(containers.length).toBeGreaterThanOrEqual(2);
    expect(containers.every((c) => c.label === "polled-mail" && c.artifactCount === 1)).toBe(true);
    // The second poll was told where the first one left off (SOAR's start_time, epoch ms).
    const [first, second] = await db.appRun.findMany({ where: { actionRunId: { in: runs.slice(0, 2).map((r) => r.id) } }, orderBy: { id: "asc" } });
    expect((first!.parameter as { start_time: number }).start_time).toBe(0);
    expect((second!.parameter as { start_time: number }).start_time).toBeGreaterThan(0);

    // Switched off: no poll starts any more.
    expect((await admin.call("POST", `/rest/asset/${id}`, { ingest: { poll: false } })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    const count = (await polls(name)).length;
    await new Promise((r) => setTimeout(r, 2500));
    expect((await polls(name)).length).toBe(count);
  }, 60_000);

  it("start one poll per due time however many schedulers look at once (SKIP LOCKED)", async () => {
    const { name, id } = await asset({ poll: true, interval_seconds: 3600 });
    // Due now: the worker's scheduler and five passes from here race for it.
    await db.asset.update({ where: { id }, data: { nextPollAt: new Date(Date.now() - 1000) } });
    await Promise.all(Array.from({ length: 5 }, () => runDuePolls()));
    await waitFor("the poll to finish", async () => (await polls(name)).every((r) => r.status === "success") && (await polls(name)).length > 0);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await polls(name)).length).toBe(1);
    const after = await db.asset.findUniqueOrThrow({ where: { id } });
    expect(after.nextPollAt!.getTime()).toBeGreaterThan(Date.now() + 3_500_000);
  }, 60_000);

  it("poll now: starts at once, answers 409 while that poll runs, and a due scheduled poll is skipped with a reason", async () => {
    const { name, id } = await asset({ poll: false, interval_seconds: 1 });
    holdPolls = true;
    try {
      const started = await admin.call("POST", `/rest/asset/${id}/poll_now`, {});
      expect(started.status, JSON.stringify(started.body)).toBe(200);
      await waitFor("the poll to reach the source", async () => held.length > 0);
      const again = await admin.call("POST", `/rest/asset/${id}/poll_now`, {});
      expect(again.status).toBe(409);
      expect(again.body.message).toBe(`a poll of asset "${name}" is still running (action run ${started.body.action_run_id})`);
      // Scheduled polling switched on while the poll runs: the due poll is skipped, saying why.
      expect((await admin.call("POST", `/rest/asset/${id}`, { ingest: { poll: true } })).status).toBe(200);
      await waitFor("the skipped poll's reason", async () => /^a poll was due while the previous one \(action run \d+\) was still running; skipped$/.test((await db.asset.findUniqueOrThrow({ where: { id } })).lastPollMessage));
      await admin.call("POST", `/rest/asset/${id}`, { ingest: { poll: false } });
    } finally {
      holdPolls = false;
      for (const res of held.splice(0)) (res as unknown as { answer: () => void }).answer();
    }
    const run = await waitFor("the poll to finish", async () => {
      const r = await db.actionRun.findUniqueOrThrow({ where: { id: (await polls(name))[0]!.id } });
      return r.status !== "pending" && r.status !== "running" ? r : null;
    });
    expect(run.status).toBe("success");
    expect(await db.container.count({ where: { sourceDataIdentifier: `${name}-1` } })).toBe(1);
  }, 60_000);

  it("refuses ingest settings and poll now for apps without an ingest action, and a schedule without an interval", async () => {
    const http = await admin.call("POST", "/rest/asset", { name: unique("plain"), product_vendor: "Generic", product_name: "HTTP", configuration: { base_url: source.url } });
    expect(http.status).toBe(200);
    const refused = await admin.call("POST", `/rest/asset/${http.body.id}/poll_now`, {});
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe("the HTTP app has no ingest (on poll) action");
    const withIngest = await admin.call("POST", `/rest/asset/${http.body.id}`, { ingest: { poll: true, interval_mins: 5 } });
    expect(withIngest.status).toBe(400);
    expect(withIngest.body.message).toBe("ingest: the HTTP app has no ingest (on poll) action");
    const noInterval = await admin.call("POST", "/rest/asset", { name: unique("poller"), product_vendor: vendor, product_name: "Mailbox", configuration: { source_url: source.url }, ingest: { poll: true } });
    expect(noInterval.status).toBe(400);
    expect(noInterval.body.message).toMatch(/^ingest\.interval_mins: /);
    expect((await admin.call("POST", "/rest/asset/999999999/poll_now", {})).status).toBe(404);
  });
});
