// `npm run test:faults`: Vigil under faults. One real `vigil start` with its embedded PostgreSQL,
// REST ingestion and console-like reads running, while each fault is injected in turn:
// kill -9 of the postmaster, a fast shutdown of PostgreSQL from outside (what
// `pg_ctl restart -m fast` begins with), pg_terminate_backend of every Vigil connection, and
// kill -9 of `vigil start` followed by a new start on the same data directory. For each: every
// acknowledged write is in the database afterwards, no request answered 500, /api/health went
// degraded and back to ok where the database itself went away, and the time to recover is
// printed (docs/reliability.md records it).
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runVigil } from "../testing/cli";
import { freePort } from "../testing/ports";
import { processAlive as alive } from "../db/pg-process";
import { signInCookie } from "../testing/session";
import { firstAdminPassword, startVigil, type VigilProcess } from "../testing/vigil-process";
import { startLoad, type LoadResult } from "./load";

let vigil: VigilProcess;
let dataDir: string;
let port: number;
let pgPort: number;
let url: string;
let token: string;
let cookie: string;
const report: string[] = [];
const runsReport: string[] = [];
const outputs: (() => string)[] = [];
// The disk test's vault is a 1 MB tmpfs: health calls it low below half a megabyte.
// Statements stop after 2 s and a request waits at most 3 s for a connection, so the slow and
// frozen database cases answer within seconds.
const VIGIL_ENV = { VIGIL_DISK_MIN_FREE_MB: "0.5", LOG_LEVEL: "info", VIGIL_DB_STATEMENT_TIMEOUT_MS: "2000", VIGIL_DB_CONNECT_TIMEOUT_MS: "3000" };
const canMount = process.getuid?.() === 0 && process.platform === "linux";

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const readText = (...parts: string[]) => readFile(path.join(dataDir, ...parts), "utf8").then((t) => t.trim());
const postmasterPid = async () => Number((await readText("pg", "postmaster.pid")).split("\n")[0]);
async function asSuperuser<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const password = await readText("keys", "postgres-password");
  const client = new pg.Client({ host: "127.0.0.1", port: pgPort, user: "postgres", password, database: "vigil" });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Runs the load, injects the fault after a steady second, and measures until writes are acknowledged again. */
async function underFault(name: string, inject: () => Promise<void>, opts: { lasts?: boolean } = {}): Promise<{ load: LoadResult; recoveryMs: number; injectedAt: number }> {
  const load = startLoad({ url, token, cookie, writers: 4, tag: name.replace(/\W+/g, "-") });
  await pause(1500);
  const injectedAt = Date.now();
  await inject();
  // A fault that lasts (a lock held, a frozen server) is timed from when it is lifted.
  const from = opts.lasts ? Date.now() : injectedAt;
  // Recovered: a write acknowledged after the fault bit (200 ms in) and health ok again.
  const deadline = Date.now() + 90_000;
  let recoveredAt = 0;
  while (!recoveredAt && Date.now() < deadline) {
    await pause(50);
    const r = load.result;
    const acked = r.ackTimes.find((t) => t > from + 200);
    const ok = r.health.find((s) => s.at > from + 200 && s.status === "ok");
    if (acked && ok) recoveredAt = Math.max(acked, ok.at);
  }
  // The console hears about new containers again (the LISTEN connection reconnects with back-off).
  let liveBackAt = 0;
  while (recoveredAt && !liveBackAt && Date.now() < recoveredAt + 20_000) {
    await pause(50);
    liveBackAt = load.result.liveEvents.find((t) => t > recoveredAt) ?? 0;
  }
  await pause(1000); // and it stays up under load
  const result = await load.stop();
  const recoveryMs = recoveredAt ? recoveredAt - from : -1;
  const errors = Object.entries(result.others).map(([s, n]) => `${s}: ${n}`).join(", ");
  const degraded = result.health.filter((s) => s.at >= injectedAt && s.status === "degraded").length;
  report.push(`| ${name} | ${recoveryMs} ms | ${liveBackAt ? `${liveBackAt - from} ms` : "-"} | ${result.acked.length} | ${result.statuses["200"] ?? 0} | ${errors || "none"} | ${degraded ? "yes" : "no"} |`);
  expect(recoveredAt, `${name}: Vigil did not recover within 90 s`).toBeGreaterThan(0);
  expect(result.bad, `${name}: answers that must not happen`).toEqual([]);
  expect(liveBackAt, `${name}: no live update reached the console within 20 s of recovering`).toBeGreaterThan(0);
  // Every acknowledged container is in the database.
  const stored = await asSuperuser(async (c) => (await c.query<{ n: number }>(
    "select count(*)::int as n from containers where source_data_identifier = any($1)", [result.acked],
  )).rows[0]!.n);
  expect(stored, `${name}: acknowledged containers missing`).toBe(result.acked.length);
  expect(result.acked.length).toBeGreaterThan(0);
  return { load: result, recoveryMs, injectedAt };
}

const sawDegradedThenOk = (r: LoadResult, since: number) => {
  const after = r.health.filter((s) => s.at >= since);
  const firstDegraded = after.findIndex((s) => s.status === "degraded");
  return firstDegraded >= 0 && after.slice(firstDegraded).some((s) => s.status === "ok");
};

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "vigil-faults-"));
  [port, pgPort] = [await freePort(), await freePort()];
  vigil = await startVigil({ dataDir, port, pgPort, env: VIGIL_ENV });
  outputs.push(vigil.output);
  url = vigil.url;
  const password = firstAdminPassword(vigil.output());
  const created = await runVigil(["token", "create", "--user", "admin"], { VIGIL_DATA_DIR: dataDir, VIGIL_PG_PORT: String(pgPort) });
  token = created.stdout.trim();
  expect(token, created.stderr).toMatch(/\S{20,}/);
  cookie = await signInCookie(url, "admin", password);
}, 180_000);

afterAll(async () => {
  await vigil?.stop();
  if (report.length) {
    // What an operator reads in the log: one line per step of each recovery.
    const lines = outputs.flatMap((o) => o().split("\n")).filter((l) => /"component":"postgres"|live updates/.test(l));
    process.stdout.write(`\n${lines.map((l) => { try { const j = JSON.parse(l) as { time: string; msg: string }; return `${j.time} ${j.msg}`; } catch { return l; } }).join("\n")}\n`);
    process.stdout.write(`\nfaults on ${os.cpus().length} cores, ${new Date().toISOString()}\n| fault | writes and health ok again after | live updates again after | acknowledged | 200s | other answers | health degraded |\n|---|---|---|---|---|---|---|\n${report.join("\n")}\n\n${runsReport.join("\n")}\n\n`);
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 60_000);

describe("Vigil under faults", () => {
  it("kill -9 of the embedded postmaster: restarted, nothing lost, health degraded then ok", async () => {
    const pid = await postmasterPid();
    const { load, injectedAt } = await underFault("kill -9 postmaster", async () => void process.kill(pid, "SIGKILL"));
    expect(sawDegradedThenOk(load, injectedAt)).toBe(true);
    expect(await postmasterPid()).not.toBe(pid);
  });

  it("fast shutdown of PostgreSQL from outside (pg_ctl restart -m fast): restarted, nothing lost", async () => {
    const pid = await postmasterPid();
    const { load, injectedAt } = await underFault("fast shutdown", async () => void process.kill(pid, "SIGINT"));
    expect(sawDegradedThenOk(load, injectedAt)).toBe(true);
  });

  it("pg_terminate_backend of every Vigil connection: requests answer or 503, nothing lost", async () => {
    await underFault("pg_terminate_backend", async () => {
      for (let i = 0; i < 3; i++) {
        await asSuperuser((c) => c.query("select pg_terminate_backend(pid) from pg_stat_activity where usename in ('vigil_app', 'vigil_owner') and pid <> pg_backend_pid()"));
        await pause(300);
      }
    });
  });

  it("a lock held on the containers table for 6 s: those requests answer 503 after the statement timeout, others go on, nothing lost", async () => {
    let other: number[] = [];
    const { load } = await underFault("lock held 6 s (slow database)", async () => {
      await asSuperuser(async (c) => {
        await c.query("begin");
        await c.query("lock table containers in access exclusive mode");
        // Meanwhile another user's request that does not touch containers is answered.
        const until = Date.now() + 6_000;
        while (Date.now() < until) {
          const res = await fetch(`${url}/rest/playbook?page_size=1`, { headers: { "ph-auth-token": token }, signal: AbortSignal.timeout(10_000) });
          other.push(res.status);
          await res.body?.cancel();
          await pause(500);
        }
        await c.query("commit");
      });
    }, { lasts: true });
    expect(load.others["503 write"], "writes waiting on the lock answered 503").toBeGreaterThan(0);
    other = [...new Set(other)];
    expect(other).toEqual([200]);
  });

  it("a frozen database (every PostgreSQL process stopped for 8 s): 503s within seconds, health degraded, no broken connection reused", async () => {
    const { load, injectedAt } = await underFault("frozen 8 s (SIGSTOP)", async () => {
      const postmaster = await postmasterPid();
      const children = execFileSync("pgrep", ["-P", String(postmaster)], { encoding: "utf8" }).split("\n").filter(Boolean).map(Number);
      const all = [postmaster, ...children];
      for (const pid of all) process.kill(pid, "SIGSTOP");
      try {
        await pause(8_000);
      } finally {
        for (const pid of all.reverse()) process.kill(pid, "SIGCONT");
      }
    }, { lasts: true });
    expect(sawDegradedThenOk(load, injectedAt)).toBe(true);
    const stalled = Object.entries(load.others).filter(([k]) => k.startsWith("503")).reduce((n, [, v]) => n + v, 0);
    expect(stalled, "requests during the freeze answered 503").toBeGreaterThan(0);
    // Afterwards every pooled connection works: one that timed out was closed, not handed out again.
    const after: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await fetch(`${url}/rest/container?page_size=1`, { headers: { "ph-auth-token": token } });
      after.push(res.status);
      await res.body?.cancel();
    }
    expect([...new Set(after)]).toEqual([200]);
  });

  it("kill -9 of vigil start, then a new start on the same data directory: PostgreSQL did not linger, nothing lost", async () => {
    const oldPostmaster = await postmasterPid();
    await underFault("kill -9 vigil start", async () => {
      vigil.child.kill("SIGKILL");
      await new Promise((r) => vigil.child.once("exit", r));
      vigil = await startVigil({ dataDir, port, pgPort, env: VIGIL_ENV });
      outputs.push(vigil.output);
    });
    expect(alive(oldPostmaster)).toBe(false);
  });

  it("kill -9 of the postmaster during 100 playbook runs with actions and notes: every run completes, no note or action twice", async () => {
    // The action's target performs its side effect once per idempotency key, as an idempotent API does.
    const keys = new Map<string, number>();
    const target = http.createServer((req, res) => {
      const key = String(req.headers["idempotency-key"] ?? "");
      keys.set(key, (keys.get(key) ?? 0) + 1);
      res.setHeader("content-type", "application/json");
      res.end('{"ok": true}');
    });
    await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
    try {
      const rest = async (p: string, body: unknown) => {
        const res = await fetch(`${url}${p}`, { method: "POST", headers: { "ph-auth-token": token, "content-type": "application/json" }, body: JSON.stringify(body) });
        expect(res.status, `${p}: ${await res.clone().text()}`).toBe(200);
        return (await res.json()) as { id: number };
      };
      await rest("/rest/asset", { name: "fault http", product_vendor: "Generic", product_name: "HTTP", configuration: { base_url: `http://127.0.0.1:${(target.address() as { port: number }).port}` } });
      const node = (id: string, data: Record<string, unknown>) => ({ id, type: data.type, data });
      await rest("/rest/playbook", {
        name: "fault playbook", labels: ["fault_pb"], active: true,
        graph: {
          nodes: {
            "0": node("0", { type: "start" }),
            "2": node("2", { type: "action", name: "get_data_1", action: "get data", assets: ["fault http"], parameters: { location: "/x" } }),
            "3": node("3", { type: "utility", utility: "add_note", values: { title: "fault", content: "get_data_1:action_result.status" } }),
            "1": node("1", { type: "end" }),
          },
          edges: [{ source: "0", target: "2" }, { source: "2", target: "3" }, { source: "3", target: "1" }],
        },
      });
      const RUNS = 100;
      const created: number[] = [];
      await Promise.all(Array.from({ length: 4 }, async (_, w) => {
        for (let i = w; i < RUNS; i += 4) created.push((await rest("/rest/container", { name: `run fault ${i}`, label: "fault_pb", source_data_identifier: `run-fault-${i}` })).id);
      }));
      const runs = (sql: string) => asSuperuser(async (c) => (await c.query<{ n: number }>(sql, [created])).rows[0]!.n);
      // Kill PostgreSQL while some runs are done and others are not.
      for (let i = 0; i < 400 && (await runs("select count(*)::int n from playbook_runs where container_id = any($1) and status = 'success'")) < 5; i++) await pause(25);
      const pid = await postmasterPid();
      const killedAt = Date.now();
      const doneAtKill = await runs("select count(*)::int n from playbook_runs where container_id = any($1) and status <> 'running'");
      process.kill(pid, "SIGKILL");
      const deadline = Date.now() + 120_000;
      let done = 0;
      while (Date.now() < deadline) {
        await pause(500);
        done = await runs("select count(*)::int n from playbook_runs where container_id = any($1) and status <> 'running'").catch(() => 0);
        if (done >= RUNS) break;
      }
      expect(done, "runs finished within 120 s of the kill").toBe(RUNS);
      runsReport.push(`kill -9 of the postmaster with ${RUNS - doneAtKill} of ${RUNS} playbook runs unfinished: all done ${Date.now() - killedAt} ms after the kill (checked every 500 ms)`);
      expect(await runs("select count(*)::int n from playbook_runs where container_id = any($1) and status = 'success'")).toBe(RUNS);
      expect(await runs("select count(distinct container_id)::int n from notes where container_id = any($1)")).toBe(RUNS);
      expect(await runs("select count(*)::int n from notes where container_id = any($1)"), "no note added twice").toBe(RUNS);
      expect(await runs("select count(*)::int n from app_runs where container_id = any($1) and status = 'success'")).toBe(RUNS);
      expect(await runs("select count(*)::int n from app_runs where container_id = any($1)"), "no app run twice").toBe(RUNS);
      expect(keys.size, "one side effect per app run").toBe(RUNS);
    } finally {
      target.close();
    }
  });

  it.skipIf(!canMount)("a full vault disk: 507 naming it, nothing half-written, health degraded, fine again once space is freed", async (ctx) => {
    const vault = path.join(dataDir, "vault");
    await mkdir(vault, { recursive: true });
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=1m", "vigil-fault-vault", vault], { stdio: "ignore" });
    } catch {
      ctx.skip("mount -t tmpfs is not allowed here (a container without CAP_SYS_ADMIN)");
    }
    try {
      const rest = (p: string, body: unknown) => fetch(`${url}${p}`, {
        method: "POST", headers: { "ph-auth-token": token, "content-type": "application/json" }, body: JSON.stringify(body),
      });
      const container = (await (await rest("/rest/container", { name: "disk full", label: "events" })).json()) as { id: number };
      const file = (fill: number) => ({ container_id: container.id, file_name: `f${fill}.bin`, file_content: Buffer.alloc(600 * 1024, fill).toString("base64") });
      const health = async () => (await (await fetch(`${url}/api/health`, { headers: { "ph-auth-token": token } })).json()) as { status: string; disk: { ok: boolean; reason?: string } };
      expect((await rest("/rest/vault_add", file(1))).status).toBe(200);
      const full = await rest("/rest/vault_add", file(2));
      expect(full.status).toBe(507);
      expect(((await full.json()) as { message: string }).message).toMatch(new RegExp(`disk holding the vault \\(${vault}\\) is full`));
      const leftovers = (await readdir(vault, { recursive: true })).filter((f) => String(f).endsWith(".tmp"));
      expect(leftovers).toEqual([]);
      const low = await health();
      expect(low.status).toBe("degraded");
      expect(low.disk.reason).toContain(vault);
      // The operator frees space (here: grows the filesystem); no repair, no restart.
      execFileSync("mount", ["-o", "remount,size=4m", vault]);
      expect((await rest("/rest/vault_add", file(2))).status).toBe(200);
      expect((await health()).status).toBe("ok");
    } finally {
      execFileSync("umount", ["-l", vault]);
    }
  });
});
