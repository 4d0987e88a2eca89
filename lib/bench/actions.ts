// `npm run bench:actions`: the job runner benchmark of docs/benchmarks.md. Starts a production
// `vigil start` (embedded PostgreSQL, fresh data directory, its in-process worker), a plain
// node:http server in this process as the HTTP app's target, an asset for it, and then:
//   burst: N app runs of "get data" enqueued as fast as REST takes them (action runs of 100
//          parameter sets on 4 connections): app runs completed per second, first POST to last
//          run recorded;
//   paced: app runs enqueued at a steady rate below capacity (one action run of 5 every 20 ms):
//          dispatch latency, from the app run's row being written (just before the NOTIFY and
//          commit) to the claim that starts it (app_runs.start_time - create_time, both
//          PostgreSQL's clock_timestamp()).
//   npm run bench:actions -- [--runs 10000] [--paced 2000] [--no-write]
import { execFileSync } from "node:child_process";
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { runVigil } from "../testing/cli";
import { startVigil } from "../testing/vigil-process";

const { values } = parseArgs({ options: { runs: { type: "string", default: "10000" }, paced: { type: "string", default: "2000" }, "no-write": { type: "boolean", default: false } } });
const N = Number(values.runs);
const PACED = Number(values.paced);
const ROOT = path.resolve(import.meta.dirname, "..", "..");
const PER_ACTION_RUN = 100;

/** CPU seconds of every process under `root` (Vigil, its app children, the embedded PostgreSQL), by command name. */
function treeCpu(root: number): Map<string, number> {
  const procs = new Map<number, { ppid: number; comm: string; cpu: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const f = stat.slice(stat.lastIndexOf(") ") + 2).split(" ");
      procs.set(Number(entry), { ppid: Number(f[1]), comm, cpu: (Number(f[11]) + Number(f[12])) / 100 });
    } catch {
      /* gone */
    }
  }
  const under = (pid: number): boolean => pid === root || (pid > 1 && procs.has(pid) && under(procs.get(pid)!.ppid));
  const out = new Map<string, number>();
  for (const [pid, p] of procs) if (under(pid)) out.set(p.comm.startsWith("postgres") ? "postgres" : pid === root ? "vigil" : "app", (out.get(p.comm.startsWith("postgres") ? "postgres" : pid === root ? "vigil" : "app") ?? 0) + p.cpu);
  return out;
}

const TABLE_HEADER = "| date | machine | node | burst app runs |";

/** Adds the row at the end of this benchmark's table, wherever the text around it has grown. */
function insertRow(file: string, row: string): void {
  const lines = readFileSync(file, "utf8").split("\n");
  let at = lines.findIndex((l) => l.startsWith(TABLE_HEADER));
  if (at < 0) {
    appendFileSync(file, `\n${row}\n`);
    return;
  }
  while (at + 1 < lines.length && lines[at + 1]!.startsWith("|")) at++;
  lines.splice(at + 1, 0, row);
  writeFileSync(file, lines.join("\n"));
}

let served = 0;
const target = http.createServer((req, res) => {
  served++;
  res.writeHead(200, { "content-type": "application/json" });
  res.end('{"ok":true}');
});

async function main() {
  await new Promise<void>((r) => target.listen(0, "127.0.0.1", r));
  const targetUrl = `http://127.0.0.1:${(target.address() as { port: number }).port}`;
  const vigil = await startVigil({});
  const env = { VIGIL_DATA_DIR: vigil.dataDir, DATABASE_URL: "" };
  const client = new pg.Client({ connectionString: readFileSync(path.join(vigil.dataDir, "run", "database-url"), "utf8").trim() });
  try {
    if ((await runVigil(["user", "create", "--name", "bench", "--role", "administrator", "--password", "bench-password"], env)).code !== 0) throw new Error("user create failed");
    const token = (await runVigil(["token", "create", "--user", "bench"], env)).stdout.trim();
    const call = async (method: string, p: string, body?: unknown) => {
      const res = await fetch(`${vigil.url}${p}`, { method, headers: { "ph-auth-token": token, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
      const json = await res.json();
      if (res.status !== 200) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    await client.connect();
    const container = (await call("POST", "/rest/container", { name: "bench:actions" })).id;
    await call("POST", "/rest/asset", { name: "bench-http", product_vendor: "Generic", product_name: "HTTP", configuration: { base_url: targetUrl }, concurrency_limit: 1000 });
    const enqueue = (n: number) => call("POST", "/rest/action_run", {
      action: "get data", container_id: container, name: "bench",
      targets: [{ assets: ["bench-http"], parameters: Array.from({ length: n }, (_, i) => ({ location: `/x?i=${i}` })) }],
    }).then((r) => r.action_run_id as number);
    const waitAll = async (ids: number[]) => {
      for (;;) {
        const { rows } = await client.query("select count(*)::int as n from action_runs where id = any($1) and remaining > 0", [ids]);
        if (rows[0].n === 0) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const stats = async (ids: number[]) => (await client.query(
      `select count(*)::int as n, count(*) filter (where status = 'success')::int as ok, count(*) filter (where attempt > 1)::int as retried,
         string_agg(distinct case when attempt > 1 then message end, ' | ') as retry_messages,
         percentile_cont(0.5) within group (order by extract(epoch from start_time - create_time) * 1000) as p50,
         percentile_cont(0.95) within group (order by extract(epoch from start_time - create_time) * 1000) as p95,
         extract(epoch from max(end_time) - min(create_time)) as span
       from app_runs where action_run_id = any($1)`, [ids])).rows[0];

    // Warm-up: starts the HTTP app's child process and warms the routes; not counted.
    const warmId = await enqueue(200);
    await waitAll([warmId]);

    process.stderr.write(`burst: ${N} app runs\n`);
    const cpuBefore = treeCpu(vigil.child.pid!);
    const selfBefore = process.cpuUsage();
    const started = performance.now();
    const burstIds: number[] = [];
    let left = N;
    await Promise.all(Array.from({ length: 4 }, async () => {
      while (left > 0) {
        const n = Math.min(PER_ACTION_RUN, left);
        left -= n;
        burstIds.push(await enqueue(n));
      }
    }));
    const enqueuedIn = (performance.now() - started) / 1000;
    await waitAll(burstIds);
    const burstSeconds = (performance.now() - started) / 1000;
    const burst = await stats(burstIds);
    const cpuAfter = treeCpu(vigil.child.pid!);
    const self = process.cpuUsage(selfBefore);
    const cpuMs = [...cpuAfter].map(([k, v]) => `${k} ${(((v - (cpuBefore.get(k) ?? 0)) * 1000) / N).toFixed(2)}`)
      .concat(`bench ${((self.user + self.system) / 1000 / N).toFixed(2)}`).join(", ");

    process.stderr.write(`paced: ${PACED} app runs, 5 every 20 ms\n`);
    const pacedIds: number[] = [];
    for (let i = 0; i < PACED / 5; i++) {
      const t = performance.now();
      pacedIds.push(await enqueue(5));
      await new Promise((r) => setTimeout(r, Math.max(0, 20 - (performance.now() - t))));
    }
    await waitAll(pacedIds);
    const paced = await stats(pacedIds);

    const result = {
      date: new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC",
      machine: `${(readFileSync("/proc/cpuinfo", "utf8").match(/model name\s*:\s*(.+)/)?.[1] ?? "unknown").trim().split(" ").slice(0, 2).join(" ")}, ${execFileSync("nproc").toString().trim()} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB`,
      node: process.version,
      runs: N,
      ok: burst.ok,
      retried: burst.retried + paced.retried + (await stats([warmId])).retried,
      retryMessages: [burst.retry_messages, paced.retry_messages].filter(Boolean).join(" | ").slice(0, 500),
      enqueueSeconds: enqueuedIn.toFixed(1),
      seconds: burstSeconds.toFixed(1),
      perSecond: Math.round(N / burstSeconds),
      burstP50: Number(burst.p50).toFixed(0),
      burstP95: Number(burst.p95).toFixed(0),
      pacedRuns: PACED,
      pacedOk: paced.ok,
      pacedP50: Number(paced.p50).toFixed(1),
      pacedP95: Number(paced.p95).toFixed(1),
      served,
      cpuMsPerRun: cpuMs,
      load: os.loadavg().map((l) => l.toFixed(1)).join(" "),
    };
    console.log(JSON.stringify(result, null, 2));
    if (!values["no-write"]) {
      insertRow(path.join(ROOT, "docs", "benchmarks.md"),
        `| ${result.date} | ${result.machine} | ${result.node} | ${N} (${result.ok} ok, ${result.retried} retried) | ${result.enqueueSeconds} | ${result.seconds} | **${result.perSecond}** | ${result.burstP50} / ${result.burstP95} | ${PACED} (${result.pacedOk} ok) | **${result.pacedP50}** / ${result.pacedP95} | ${cpuMs} | ${result.load} |`);
    }
  } finally {
    await client.end().catch(() => {});
    await vigil.stop();
    await rm(vigil.dataDir, { recursive: true, force: true });
    target.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
