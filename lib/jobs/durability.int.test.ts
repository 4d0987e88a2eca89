// THE durability test: a real `vigil worker` process is SIGKILLed in the middle of 1,000 app
// runs of the HTTP app against a counting server on loopback; another worker is started; every
// run completes exactly once. The server performs its "side effect" once per idempotency key
// (as an idempotent API does) and counts every request, so a run re-delivered after the kill is
// visible as a repeated key and must not act twice. The running `vigil start` of the test
// setup has a worker too: three workers share the queue, as nodes of a cluster would.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db/client";
import { tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";
import { startHttpServer, waitFor, type TestServer } from "@/lib/testing/action-kit";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const RUNS = 1000;
const LEASE_MS = 5000;

async function startWorker(): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [path.join(ROOT, "bin", "vigil.mjs"), "worker", "--concurrency", "40"], {
    cwd: ROOT,
    env: {
      ...process.env, DATABASE_URL: inject("databaseUrl"), VIGIL_SECRET_KEY: inject("secretKey"),
      VIGIL_DATA_DIR: await mkdtemp(path.join(os.tmpdir(), "vigil-worker-")), VIGIL_LEASE_MS: String(LEASE_MS), LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  await waitFor("vigil worker to start", async () => {
    if (child.exitCode !== null) throw new Error(`vigil worker exited with ${child.exitCode}:\n${out}`);
    return out.includes("vigil worker ") && out.includes(" running");
  }, 60_000);
  return { child, output: () => out };
}

let admin: Client;
let server: TestServer;
const requests = new Map<string, number>();
const effects = new Map<string, number>();
const workers: ChildProcess[] = [];

beforeAll(async () => {
  admin = await tokenClient("administrator");
  server = await startHttpServer((req, res) => {
    const key = String(req.headers["idempotency-key"] ?? "");
    requests.set(key, (requests.get(key) ?? 0) + 1);
    // The side effect happens once per key; a repeat is answered as the first one was.
    if (!effects.has(key)) effects.set(key, 1);
    // Slow enough that the kill lands while runs are in flight, after their effect happened.
    setTimeout(() => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ key }));
    }, 40);
  });
});

afterAll(async () => {
  for (const w of workers) if (w.exitCode === null) w.kill("SIGKILL");
  await server?.close();
});

describe("a worker killed with SIGKILL in the middle of 1,000 app runs", () => {
  it("loses nothing: its runs are taken over within seconds and all 1,000 complete exactly once", async () => {
    const container = (await admin.call("POST", "/rest/container", { name: "durability" })).body.id;
    const asset = unique("counting");
    expect((await admin.call("POST", "/rest/asset", {
      name: asset, product_vendor: "Generic", product_name: "HTTP", configuration: { base_url: server.url }, concurrency_limit: 200,
    })).status).toBe(200);

    const a = await startWorker();
    workers.push(a.child);
    const parameters = Array.from({ length: RUNS }, (_, i) => ({ location: `/count?i=${i}` }));
    const created = await admin.call("POST", "/rest/action_run", { action: "post data", container_id: container, targets: [{ assets: [asset], parameters }] });
    expect(created.status).toBe(200);
    const actionRunId: number = created.body.action_run_id;
    const leasedBy = (pid: number) => db.appRun.findMany({
      where: { actionRunId, status: "running", leaseOwner: { contains: `-${pid}-` } }, select: { id: true },
    });

    // Kill it once it has finished some runs and holds others.
    await waitFor("worker A to be busy", async () => effects.size >= 150 && (await leasedBy(a.child.pid!)).length > 0, 60_000, 20);
    a.child.kill("SIGKILL");
    await new Promise((r) => a.child.once("exit", r));
    const killedAt = Date.now();
    const orphaned = (await leasedBy(a.child.pid!)).map((r) => r.id);
    expect(orphaned.length).toBeGreaterThan(0);

    const b = await startWorker();
    workers.push(b.child);
    const done = await waitFor("all app runs to finish", async () => {
      const run = await db.actionRun.findUnique({ where: { id: actionRunId } });
      return run && run.remaining === 0 ? run : null;
    }, 120_000, 200);

    expect(done).toMatchObject({ status: "success", total: RUNS, succeeded: RUNS, failed: 0 });
    const runs = await db.appRun.findMany({ where: { actionRunId }, select: { id: true, status: true, attempt: true, idempotencyKey: true, endedAt: true } });
    expect(runs).toHaveLength(RUNS);
    expect(runs.filter((r) => r.status !== "success")).toEqual([]);

    // Exactly once at the far end: every run's key performed its effect once; nothing else came.
    const keys = new Set(runs.map((r) => r.idempotencyKey));
    expect(keys.size).toBe(RUNS);
    expect([...effects.keys()].sort()).toEqual([...keys].sort());
    expect([...effects.values()].every((n) => n === 1)).toBe(true);
    // Repeats are only the runs the killed worker held (delivered again after their lease expired).
    const repeated = [...requests].filter(([, n]) => n > 1).map(([k]) => k);
    const orphanKeys = new Set(runs.filter((r) => orphaned.includes(r.id)).map((r) => r.idempotencyKey));
    expect(repeated.every((k) => orphanKeys.has(k))).toBe(true);
    expect([...requests.values()].every((n) => n <= 2)).toBe(true);

    // The killed worker's runs were taken over within seconds (lease 5 s), not hours.
    const takenOver = runs.filter((r) => orphaned.includes(r.id));
    expect(takenOver.every((r) => r.attempt >= 2)).toBe(true);
    const lastTakeover = Math.max(...takenOver.map((r) => r.endedAt!.getTime()));
    expect(lastTakeover - killedAt).toBeLessThan(LEASE_MS + 15_000);
    expect(b.output()).not.toMatch(/"level":50/);
  }, 240_000);
});
