// `npm run bench:rest -- --data-dir DIR`: the REST list benchmark of docs/benchmarks.md (issue 14).
// Run `npm run build` and `npm run seed:scale` into DIR first. It starts `vigil start` on DIR,
// creates an automation token and an analyst with the CLI, then for each request (issue 14's
// table, and every filter lookup on containers, artifacts and indicators): 5 warm-up requests,
// --samples requests one at a time, then --samples more from --concurrency clients at once;
// p50/p95/max of each, the status, and how the count was found (x-vigil-count).
//   npm run bench:rest -- --data-dir /work/scale-data/m1 [--pg-port P] [--samples 50] [--concurrency 8] [--no-write]
import { readFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { runVigil } from "../testing/cli";
import { freePort } from "../testing/ports";
import { signInCookie } from "../testing/session";
import { startVigil } from "../testing/vigil-process";
import { benchRequests } from "./rest-requests";
import { appendSection } from "./procs";

const { values } = parseArgs({
  options: {
    "data-dir": { type: "string", default: process.env.VIGIL_DATA_DIR },
    "pg-port": { type: "string" },
    samples: { type: "string", default: "50" },
    concurrency: { type: "string", default: "8" },
    only: { type: "string" },
    "no-write": { type: "boolean", default: false },
  },
});
const dataDir = values["data-dir"];
const SAMPLES = Number(values.samples);
const CONCURRENCY = Number(values.concurrency);
if (!dataDir || !(SAMPLES >= 1) || !(CONCURRENCY >= 1)) {
  console.error("usage: npm run bench:rest -- --data-dir DIR [--pg-port P] [--samples N] [--concurrency C] [--only TEXT] [--no-write]");
  process.exit(2);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function get(url: string, headers: Record<string, string>): Promise<{ status: number; ms: number; count: string; body: string }> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    http.get(url, { agent, headers }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({
        status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - start) / 1e6,
        count: String(res.headers["x-vigil-count"] ?? "-"), body,
      }));
    }).on("error", reject);
  });
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const r = (n: number) => Math.round(n);

async function measure(url: string, headers: Record<string, string>) {
  for (let i = 0; i < 5; i++) await get(url, headers);
  const one: number[] = [];
  const statuses = new Set<number>();
  const counts = new Set<string>();
  let sample = "";
  for (let i = 0; i < SAMPLES; i++) {
    const res = await get(url, headers);
    one.push(res.ms);
    statuses.add(res.status);
    counts.add(res.count);
    if (res.status !== 200) sample = res.body.slice(0, 200);
  }
  const many: number[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next++ < SAMPLES) {
      const res = await get(url, headers);
      many.push(res.ms);
      statuses.add(res.status);
    }
  }));
  one.sort((a, b) => a - b);
  many.sort((a, b) => a - b);
  return { one, many, statuses: [...statuses].join("/"), counts: [...counts].join("/"), sample };
}

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" / ");

async function main() {
  const vigil = await startVigil({ dataDir, pgPort: values["pg-port"] ? Number(values["pg-port"]) : await freePort() });
  try {
    const env = { VIGIL_DATA_DIR: dataDir!, DATABASE_URL: "" };
    const suffix = Date.now().toString(36);
    const bot = `bench-rest-${suffix}`;
    const analyst = `bench-analyst-${suffix}`;
    const password = `bench-${Math.random().toString(36).slice(2)}-pw`;
    for (const args of [["user", "create", "--name", bot, "--role", "automation"], ["user", "create", "--name", analyst, "--role", "analyst", "--password", password]]) {
      const created = await runVigil(args, env);
      if (created.code !== 0) throw new Error(created.stderr);
    }
    const token = (await runVigil(["token", "create", "--user", bot], env)).stdout.trim();
    const cookie = await signInCookie(vigil.url, analyst, password);

    const db = new pg.Client({ connectionString: readFileSync(path.join(dataDir!, "run", "database-url"), "utf8").trim() });
    await db.connect();
    const requests = await benchRequests(db);
    const containers = (await db.query<{ n: string }>("select count(*) as n from containers")).rows[0]!.n;
    await db.end();

    const loadBefore = load();
    const started = new Date();
    const rows: string[] = [];
    for (const req of requests) {
      if (values.only && !req.name.includes(values.only)) continue;
      const headers: Record<string, string> = req.console ? { cookie, accept: "text/html" } : { "ph-auth-token": token };
      const m = await measure(vigil.url + req.path, headers);
      const met = pct(m.one, 95) < 150 ? "yes" : "**no**";
      const row = `| ${req.table} | ${req.name} | \`${req.path.replace(/\|/g, "\\|")}\` | ${m.statuses} | ${m.counts} | ${r(pct(m.one, 50))} | **${r(pct(m.one, 95))}** | ${r(m.one[m.one.length - 1]!)} | ${r(pct(m.many, 50))} | ${r(pct(m.many, 95))} | ${met} |`;
      console.log(row + (m.sample ? ` ${m.sample}` : ""));
      rows.push(row);
    }
    const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
    const text = [
      `### Run of ${started.toISOString().slice(0, 16)} UTC`,
      "",
      `${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}; ${Number(containers).toLocaleString("en")} containers; ` +
      `${SAMPLES} requests one at a time after 5 warm-up, then ${SAMPLES} from ${CONCURRENCY} concurrent clients; ` +
      `load average (1/5/15 min) before: ${loadBefore}, after: ${load()}.`,
      "",
      "| table | request | path | status | count | p50 ms | p95 ms (target < 150) | max ms | 8 clients p50 ms | 8 clients p95 ms | met |",
      "|---|---|---|---|---|---|---|---|---|---|---|",
      ...rows,
      "",
    ].join("\n");
    if (!values["no-write"]) appendSection(path.resolve(import.meta.dirname, "..", "..", "docs", "benchmarks.md"), "## REST lists at 1M", text);
  } finally {
    agent.destroy();
    await vigil.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
