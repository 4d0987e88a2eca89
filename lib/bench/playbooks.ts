// `npm run bench:playbooks`: the playbook engine benchmark of docs/benchmarks.md. Starts a
// production `vigil start` (embedded PostgreSQL, fresh data directory), saves one active playbook
// on label "bench_pb" (filter on severity -> action "get data" of the HTTP app against a local
// server -> decision on its status -> format -> add note -> end), then POSTs N containers with 3
// artifacts each over REST and reports completed runs/s and p50/p95 from container creation to
// run end, and CPU of Vigil and PostgreSQL per run.
// With --python the same shape runs as a SOAR Python playbook (lib/bench/python-playbook.ts) in
// the Pyodide sandbox.
//   npm run bench:playbooks -- --containers 5000 --connections 8 [--no-write] [--python]
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { runVigil } from "../testing/cli";
import { startVigil } from "../testing/vigil-process";
import { cpuSince, insertRow, percentile, serverPids, snapshot } from "./procs";
import { PYTHON_PLAYBOOK } from "./python-playbook";

const { values } = parseArgs({
  options: {
    containers: { type: "string", default: "5000" }, connections: { type: "string", default: "8" }, "no-write": { type: "boolean", default: false },
    // The engine alone: containers first (playbook inactive), then all runs inserted at once.
    "engine-only": { type: "boolean", default: false },
    // A V8 CPU profile of the Vigil process into this directory (written when it stops).
    "cpu-prof": { type: "string" },
    python: { type: "boolean", default: false },
  },
});
const N = Number(values.containers);
const C = Number(values.connections);
const ROOT = path.resolve(import.meta.dirname, "..", "..");

const node = (id: string, data: Record<string, unknown>) => ({ id, type: data.type, data });
const PLAYBOOK = {
  name: "bench playbook", labels: ["bench_pb"], active: true,
  graph: {
    nodes: {
      "0": node("0", { type: "start" }),
      "2": node("2", { type: "filter", name: "severe", conditions: [{ logic: "or", comparisons: [{ param: "container:severity", op: "==", value: "high" }, { param: "container:severity", op: "==", value: "medium" }] }] }),
      "6": node("6", { type: "action", name: "get_data_1", action: "get data", assets: ["bench http"], parameters: { location: "/status" } }),
      "3": node("3", { type: "decision", name: "fetched", conditions: [{ type: "if", comparisons: [{ param: "get_data_1:action_result.status", op: "==", value: "success" }] }, { type: "else", comparisons: [] }] }),
      "4": node("4", { type: "format", name: "summary", template: "%%{0} -> {1}\n%%", parameters: ["artifact:*.cef.sourceAddress", "artifact:*.cef.destinationAddress"] }),
      "5": node("5", { type: "utility", utility: "add_note", values: { title: "bench", content: "summary:formatted_data" } }),
      "1": node("1", { type: "end" }),
    },
    edges: [{ source: "0", target: "2" }, { source: "2", target: "6", conditions: [{ index: 0 }] }, { source: "6", target: "3" }, { source: "3", target: "4", conditions: [{ index: 0 }] }, { source: "3", target: "4", conditions: [{ index: 1 }] }, { source: "4", target: "5" }, { source: "5", target: "1" }],
  },
};

const event = (i: number) => JSON.stringify({
  name: `bench ${i}`, label: "bench_pb", severity: i % 2 ? "high" : "medium", source_data_identifier: `pb-${process.pid}-${i}`,
  artifacts: [0, 1, 2].map((k) => ({ name: `a${k}`, cef: { sourceAddress: `10.0.${k}.${i % 250}`, destinationAddress: `10.1.${k}.${i % 250}` } })),
});

function request(agent: http.Agent, url: URL, token: string, p: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: url.hostname, port: url.port, path: p, method: "POST",
      headers: { "ph-auth-token": token, "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function main() {
  // pg_stat_statements counts the statements (round trips) per run; it costs a little CPU.
  const vigil = await startVigil({
    env: { VIGIL_PG_FLAGS: "shared_preload_libraries=pg_stat_statements" },
    nodeArgs: values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(values["cpu-prof"])}`] : [],
  });
  const env = { VIGIL_DATA_DIR: vigil.dataDir, DATABASE_URL: "" };
  try {
    await runVigil(["user", "create", "--name", "bench", "--role", "administrator"], env);
    const token = (await runVigil(["token", "create", "--user", "bench"], env)).stdout.trim();
    const url = new URL(vigil.url);
    const agent = new http.Agent({ keepAlive: true, maxSockets: C });
    const target = http.createServer((_req, res) => res.end('{"ok": true}'));
    await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
    const asset = { name: "bench http", product_vendor: "Generic", product_name: "HTTP", configuration: { base_url: `http://127.0.0.1:${(target.address() as { port: number }).port}` },
      // SOAR's default of 10 app runs at once per asset would cap the action block near 10 / (app
      // time) whatever the engine does; bench:actions uses 1000 for the same reason.
      concurrency_limit: 100 };
    if ((await request(agent, url, token, "/rest/asset", JSON.stringify(asset))) !== 200) throw new Error("could not save the HTTP asset");
    const engineOnly = values["engine-only"];
    const saved = values.python ? { ...PYTHON_PLAYBOOK, active: !engineOnly } : { ...PLAYBOOK, active: !engineOnly };
    if ((await request(agent, url, token, "/rest/playbook", JSON.stringify(saved))) !== 200) throw new Error("could not save the playbook");
    const db = new pg.Client({ connectionString: readFileSync(path.join(vigil.dataDir, "run", "database-url"), "utf8").trim() });
    db.on("error", () => {});
    await db.connect();
    // The superuser (pg_stat_statements is created and read as it).
    const suUrl = new URL(readFileSync(path.join(vigil.dataDir, "run", "database-url"), "utf8").trim());
    suUrl.username = "postgres";
    suUrl.password = readFileSync(path.join(vigil.dataDir, "keys", "postgres-password"), "utf8").trim();
    const su = new pg.Client({ connectionString: suUrl.toString() });
    su.on("error", () => {});
    await su.connect();
    const post = async () => {
      let next = 0;
      await Promise.all(Array.from({ length: C }, async () => {
        for (let i = next++; i < N; i = next++) await request(agent, url, token, "/rest/container", event(i));
      }));
    };
    if (engineOnly) await post();
    await su.query("create extension if not exists pg_stat_statements; select pg_stat_statements_reset()");
    const pids = serverPids(vigil.dataDir, vigil.child.pid ?? null);
    const before = { vigil: snapshot(pids.vigil), pg: snapshot(pids.pg) };
    const started = performance.now();
    if (engineOnly) {
      // Runs start "now": latency is measured from their start, not the containers' creation.
      await db.query(`insert into playbook_runs (playbook_id, playbook_version, container_id, scope, artifact_max, deadline, start_time)
        select p.id, p.version, c.id, 'new', (select max(id) from artifacts a where a.container_id = c.id), now() + interval '1 hour', now()
        from containers c, playbooks p where c.label = 'bench_pb'; select pg_notify('vigil_playbooks', '')`);
    } else await post();
    const posted = (performance.now() - started) / 1000;
    for (;;) {
      const r = await db.query("select count(*) filter (where status <> 'running')::int done, count(*)::int total from playbook_runs");
      if (r.rows[0].total >= N && r.rows[0].done >= r.rows[0].total) break;
      await new Promise((res) => setTimeout(res, 200));
    }
    const after = serverPids(vigil.dataDir, vigil.child.pid ?? null);
    const cpu = { vigil: (cpuSince(before.vigil, after.vigil) * 1000) / N, pg: (cpuSince(before.pg, after.pg) * 1000) / N };
    const stats = (await db.query(`select count(*) filter (where r.status = 'success')::int ok,
        extract(epoch from max(r.end_time) - min(${engineOnly ? "r.start_time" : "c.create_time"}))::float8 span,
        array_agg(extract(epoch from r.end_time - ${engineOnly ? "r.start_time" : "c.create_time"}) * 1000 order by 1) lat
      from playbook_runs r join containers c on c.id = r.container_id`)).rows[0];
    const notes = (await db.query("select count(*)::int n from notes")).rows[0].n;
    const statements = await statementCounts(su);
    await su.end();
    const hops = await hopMedians(db);
    await db.end();
    agent.destroy();
    target.close();
    const lat = Float64Array.from((stats.lat as number[]).map(Number)).sort();
    const result = {
      date: new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC",
      machine: `${(readFileSync("/proc/cpuinfo", "utf8").match(/model name\s*:\s*(.+)/)?.[1] ?? "?").trim()}, ${execFileSync("nproc").toString().trim()} cores`,
      mode: (engineOnly ? "engine only (runs inserted at once)" : "containers over REST") + (values.python ? ", SOAR Python playbook" : ""), runs: N, connections: C, ok: stats.ok, notes, postSeconds: posted.toFixed(1), seconds: Number(stats.span).toFixed(1),
      runsPerSecond: (N / Number(stats.span)).toFixed(N / Number(stats.span) < 10 ? 1 : 0), p50: percentile(lat, 50).toFixed(0), p95: percentile(lat, 95).toFixed(0),
      cpuMsPerRun: `vigil ${cpu.vigil.toFixed(2)}, postgres ${cpu.pg.toFixed(2)}`, loadAverage: os.loadavg().map((l) => l.toFixed(1)).join(" "),
      statementsPerRun: (statements.total / N).toFixed(1), transactionsPerRun: (statements.transactions / N).toFixed(1),
    };
    console.log("busiest statements (calls per run, ms per run):");
    for (const s of statements.top) console.log(`  ${(s.calls / N).toFixed(2).padStart(6)} ${(s.ms / N).toFixed(3).padStart(7)}  ${s.query}`);
    console.log("median time per hop, ms:", JSON.stringify(hops));
    console.log(JSON.stringify(result, null, 2));
    if (!values["no-write"]) {
      insertRow(path.join(ROOT, "docs", "benchmarks.md"), "| date | machine | mode | runs |", `| ${result.date} | ${result.machine} | ${result.mode} | ${N} | ${C} | ${result.ok} | ${result.seconds} | **${result.runsPerSecond}** | ${result.p50} | **${result.p95}** | ${result.cpuMsPerRun} | ${result.statementsPerRun} | ${result.loadAverage} |\n`);
    }
  } finally {
    await vigil.stop();
    await rm(vigil.dataDir, { recursive: true, force: true });
  }
}

/** Statements PostgreSQL ran for clients since the reset (the benchmark's own polling excluded), and the busiest. */
async function statementCounts(db: pg.Client) {
  const own = "query not ilike '%pg_stat_statements%' and query not ilike '%filter (where status <> %'";
  const total = (await db.query(`select coalesce(sum(calls), 0)::float8 calls from pg_stat_statements where ${own}`)).rows[0].calls as number;
  const transactions = (await db.query(`select coalesce(sum(calls), 0)::float8 calls from pg_stat_statements where ${own} and query ilike 'commit%'`)).rows[0].calls as number;
  const top = (await db.query(`select calls::float8 calls, total_exec_time ms, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) query
    from pg_stat_statements where ${own} order by calls desc limit 25`)).rows as { calls: number; ms: number; query: string }[];
  return { total, transactions, top };
}

/** Where a run's wall time goes: median of each hop from container creation to run end. */
async function hopMedians(db: pg.Client) {
  const { rows } = await db.query(`
    with h as (
      select extract(epoch from r.start_time - c.create_time) * 1000 trigger_to_run,
        extract(epoch from ap.create_time - r.start_time) * 1000 first_turn,
        extract(epoch from ap.start_time - ap.create_time) * 1000 dispatch,
        extract(epoch from ap.end_time - ap.start_time) * 1000 app,
        extract(epoch from cb.done_time - ap.end_time) * 1000 settle,
        extract(epoch from r.end_time - cb.done_time) * 1000 second_turn
      from playbook_runs r join containers c on c.id = r.container_id
      join playbook_callbacks cb on cb.run_id = r.id and cb.kind = 'action'
      join app_runs ap on ap.action_run_id = cb.ref_id)
    select ${["trigger_to_run", "first_turn", "dispatch", "app", "settle", "second_turn"].map((k) => `round(percentile_cont(0.5) within group (order by ${k})::numeric, 1)::float8 ${k}`).join(", ")} from h`);
  return rows[0] as Record<string, number>;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
