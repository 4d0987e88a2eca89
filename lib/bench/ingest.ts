// `npm run bench:ingest`: the ingestion benchmark of docs/benchmarks.md. Starts a production
// `vigil start` (embedded PostgreSQL, fresh temporary data directory, LOG_LEVEL=warn), creates an
// automation token, then POSTs N containers with 3 artifacts each over HTTP from this separate
// process on C keep-alive connections, and appends containers/s, artifacts/s and latency
// percentiles to docs/benchmarks.md. Benchmarks live under lib/ because the design's layout has
// no top-level folder for them.
//   npm run bench:ingest -- --containers 100000 --connections 16 [--no-write] [--setup-sql "drop index ..."]
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

const { values } = parseArgs({
  options: {
    containers: { type: "string", default: "100000" },
    connections: { type: "string", default: "16" },
    "no-write": { type: "boolean", default: false },
    // For profiling: drive an already running server instead of starting one.
    url: { type: "string" },
    token: { type: "string" },
    // For pricing a schema choice: SQL run on the fresh database before the load (drop an index).
    "setup-sql": { type: "string" },
  },
});
const N = Number(values.containers);
const C = Number(values.connections);
const ROOT = path.resolve(import.meta.dirname, "..", "..");

// Indicator values repeat across events as they do in real feeds: a pool of addresses and
// domains, so the indicator upserts hit existing rows as well as create new ones.
const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;
const ips = Array.from({ length: 20_000 }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
const domains = Array.from({ length: 5_000 }, (_, i) => `host${i}.example.test`);
const hex = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join("");

function event(i: number): string {
  return JSON.stringify({
    name: `Suspicious connection ${i}`,
    label: "events",
    severity: pick(["low", "medium", "high"]),
    source_data_identifier: `bench-${process.pid}-${i}`,
    tags: ["bench"],
    artifacts: [
      { name: "network", label: "network", cef: { sourceAddress: pick(ips), destinationAddress: pick(ips), destinationPort: 443, transportProtocol: "TCP" } },
      { name: "url", label: "url", cef: { requestURL: `https://${pick(domains)}/path/${i % 1000}`, destinationDnsDomain: pick(domains) } },
      { name: "file", label: "file", cef: { fileName: `invoice${i % 500}.exe`, fileHashSha256: hex(64), fileSize: 1000 + (i % 9000) } },
    ],
  });
}

function post(agent: http.Agent, url: URL, token: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: url.hostname, port: url.port, path: "/rest/container", method: "POST",
        headers: { "ph-auth-token": token, "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const TABLE_HEADER = "| date | machine | node | containers | connections |";


async function main() {
  if (values.url && values.token) {
    await load(new URL(values.url), values.token, null, null);
    return;
  }
  const vigil = await startVigil({});
  const env = { VIGIL_DATA_DIR: vigil.dataDir, DATABASE_URL: "" };
  try {
    const user = await runVigil(["user", "create", "--name", "bench", "--role", "automation"], env);
    if (user.code !== 0) throw new Error(user.stderr);
    const token = (await runVigil(["token", "create", "--user", "bench"], env)).stdout.trim();
    if (values["setup-sql"]) await withDatabase(vigil.dataDir, (client) => client.query(values["setup-sql"]!), true);
    await load(new URL(vigil.url), token, vigil.dataDir, vigil.child.pid ?? null);
  } finally {
    await vigil.stop();
    await rm(vigil.dataDir, { recursive: true, force: true });
  }
}

/** A connection to the benchmark's database, as the application or (to change the schema) as the superuser. */
async function withDatabase<T>(dataDir: string, work: (client: pg.Client) => Promise<T>, asSuperuser = false): Promise<T> {
  const url = new URL(readFileSync(path.join(dataDir, "run", "database-url"), "utf8").trim());
  if (asSuperuser) {
    url.username = "postgres";
    url.password = readFileSync(path.join(dataDir, "keys", "postgres-password"), "utf8").trim();
  }
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function load(url: URL, token: string, dataDir: string | null, vigilPid: number | null) {
  {
    const agent = new http.Agent({ keepAlive: true, maxSockets: C });

    // Warm-up: let Next.js load the route and PostgreSQL fill its caches; not counted.
    for (let i = 0; i < 200; i++) await post(agent, url, token, event(-1 - i));

    const pids = serverPids(dataDir, vigilPid);
    const cpuBefore = { vigil: snapshot(pids.vigil), pg: snapshot(pids.pg), self: process.cpuUsage() };
    const latencies = new Float64Array(N);
    const windows: number[] = [];
    let next = 0;
    let done = 0;
    let failures = 0;
    const started = performance.now();
    let windowStart = started;
    let windowDone = 0;
    const progress = setInterval(() => {
      const now = performance.now();
      windows.push(((done - windowDone) * 1000) / (now - windowStart));
      windowStart = now;
      windowDone = done;
      process.stderr.write(`  ${done}/${N} containers, ${windows.at(-1)!.toFixed(0)}/s over the last 10 s\n`);
    }, 10_000);
    await Promise.all(Array.from({ length: C }, async () => {
      for (;;) {
        const i = next++;
        if (i >= N) return;
        const body = event(i);
        const t0 = performance.now();
        const status = await post(agent, url, token, body);
        latencies[i] = performance.now() - t0;
        if (status !== 200) failures++;
        done++;
      }
    }));
    clearInterval(progress);
    const seconds = (performance.now() - started) / 1000;
    const self = process.cpuUsage(cpuBefore.self);
    const pidsAfter = serverPids(dataDir, vigilPid);
    const cpuMs = {
      vigil: (cpuSince(cpuBefore.vigil, pidsAfter.vigil) * 1000) / N,
      postgres: (cpuSince(cpuBefore.pg, pidsAfter.pg) * 1000) / N,
      loadGenerator: (self.user + self.system) / 1000 / N,
    };
    agent.destroy();

    let counts = { c: "?", a: "?", i: "?", l: "?" };
    if (dataDir) {
      counts = (await withDatabase(dataDir, (client) => client.query(
        "select (select count(*) from containers where tags @> '{bench}') c, (select count(*) from artifacts) a, (select count(*) from indicators) i, (select count(*) from audit_log) l",
      ))).rows[0];
    }

    const sorted = latencies.slice().sort();
    const result = {
      date: new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC",
      cpu: (readFileSync("/proc/cpuinfo", "utf8").match(/model name\s*:\s*(.+)/)?.[1] ?? "unknown").trim(),
      cores: execFileSync("nproc").toString().trim(),
      node: process.version,
      containers: N, connections: C, seconds: seconds.toFixed(1),
      perSecond: (N / seconds).toFixed(0), artifactsPerSecond: ((3 * N) / seconds).toFixed(0),
      slowestWindow: windows.length ? Math.min(...windows).toFixed(0) : "n/a",
      p50: percentile(sorted, 50).toFixed(1), p95: percentile(sorted, 95).toFixed(1), p99: percentile(sorted, 99).toFixed(1),
      max: sorted[sorted.length - 1]!.toFixed(1), failures,
      cpuMsPerContainer: `vigil ${cpuMs.vigil.toFixed(2)}, postgres ${cpuMs.postgres.toFixed(2)}, load generator ${cpuMs.loadGenerator.toFixed(2)}`,
      loadAverage: os.loadavg().map((l) => l.toFixed(1)).join(" "),
      stored: `${counts.c} containers, ${counts.a} artifacts (incl. warm-up), ${counts.i} indicators, ${counts.l} audit rows`,
    };
    console.log(JSON.stringify(result, null, 2));
    if (!values["no-write"]) {
      const row = `| ${result.date} | ${result.cpu}, ${result.cores} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB | ${result.node} | ${N} | ${C} | ${result.seconds} | **${result.perSecond}** | ${result.artifactsPerSecond} | ${result.slowestWindow} | ${result.p50} | **${result.p95}** | ${result.p99} | ${result.max} | ${failures} | ${result.cpuMsPerContainer} | ${result.loadAverage} |\n`;
      insertRow(path.join(ROOT, "docs", "benchmarks.md"), TABLE_HEADER, row);
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
