// `npm run bench:sla -- --data-dir DIR`: server time of every figure of the SLA dashboard (/sla)
// on a `seed:scale` database (issue 12: under 300 ms each at a million containers). It opens
// DIR's embedded PostgreSQL (or the one a running `vigil start` owns; DATABASE_URL wins),
// applies pending migrations, fills in the SLA data the seed lacks (./sla-fill.ts), then calls
// each figure's domain function in this process, as the page does: warm-ups, then --runs runs
// one at a time; p50/p95/max per figure go to docs/benchmarks.md with machine, date and load.
//   npm run bench:sla -- --data-dir /tmp/vigil-scale [--runs 30] [--pg-port P] [--no-write]
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { readConfig } from "../config";
import { openDatabaseForCommand } from "../db/database";
import { disconnectDb } from "../db/client";
import { queuePage } from "../domain/events-queue";
import { analystLoad, approvalsWaiting, longestOverdue } from "../domain/sla-dashboard";
import { slaCsv } from "../domain/sla-export";
import { periodStart, slaBreakdown, slaOverTime } from "../domain/sla-figures";
import { weeklyTrend } from "../domain/sla-trends";
import { queueQuerySchema } from "../schemas/events";
import { appendSection } from "./procs";
import { fillSlaData } from "./sla-fill";

const { values } = parseArgs({
  options: {
    "data-dir": { type: "string", default: process.env.VIGIL_DATA_DIR },
    "pg-port": { type: "string" },
    runs: { type: "string", default: "30" },
    "no-write": { type: "boolean", default: false },
  },
});
const RUNS = Number(values.runs);
if (!values["data-dir"] || !Number.isInteger(RUNS) || RUNS < 20) {
  console.error("usage: npm run bench:sla -- --data-dir DIR [--runs N (20 or more)] [--pg-port P] [--no-write]");
  process.exit(2);
}
const TARGET_MS = 300;
const WARMUPS = 3;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" / ");

async function time(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number; max: number }> {
  for (let i = 0; i < WARMUPS; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: pct(ms, 50), p95: pct(ms, 95), max: ms[ms.length - 1]! };
}

/** The dashboard's figures, each as the page (or its drill-down link) asks for it. */
function figures(me: number): [string, () => Promise<unknown>][] {
  const queue = (params: Record<string, string>) => () => queuePage(queueQuerySchema.parse(params), me);
  const month = periodStart(30).toISOString();
  return [
    ...[7, 30, 90].map((d) => [`breached / at risk / met by severity, label, owner + MTTA/MTTR, last ${d} days`, () => slaBreakdown(periodStart(d as 7 | 30 | 90))] as [string, () => Promise<unknown>]),
    ...[7, 30, 90].map((d) => [`per day of arrival, last ${d} days`, () => slaOverTime(periodStart(d as 7 | 30 | 90))] as [string, () => Promise<unknown>]),
    ["MTTA / MTTR per week, 12 weeks", weeklyTrend],
    ["workload per analyst (open events, tasks, overdue)", analystLoad],
    ["longest overdue open events", () => longestOverdue()],
    ["approvals waiting and their age", () => approvalsWaiting()],
    ["CSV export, last 30 days (all figures)", () => slaCsv(30)],
    ["drill-down: queue sla=breached, last 30 days", queue({ sla: "breached", from: month })],
    ["drill-down: queue sla=at_risk, last 30 days", queue({ sla: "at_risk", from: month })],
    ["drill-down: queue sla=met, severity=high, last 30 days", queue({ sla: "met", severity: "high", from: month })],
    ["drill-down: queue sla=on_track, label=phishing, last 30 days", queue({ sla: "on_track", label: "phishing", from: month })],
  ];
}

async function main() {
  const dataDir = path.resolve(values["data-dir"]!);
  process.env.VIGIL_DATA_DIR = dataDir;
  if (values["pg-port"]) process.env.VIGIL_PG_PORT = values["pg-port"];
  const database = await openDatabaseForCommand(readConfig());
  process.env.DATABASE_URL = database.url;
  const owner = new pg.Client({ connectionString: database.ownerUrl });
  await owner.connect();
  try {
    console.log("filling in SLA data the seed lacks ...");
    const filled = await fillSlaData(owner, (s) => console.log(s));
    console.log(filled.length ? `filled in: ${filled.join(", ")}` : "nothing to fill in");
    const counts = (await owner.query<{ c: string; b: string; o: string; t: string; a: string }>(`select (select count(*) from containers) c,
      (select count(*) from containers where sla_breached) b, (select count(*) from containers where close_time is null) o,
      (select count(*) from workbook_tasks where status <> 1) t, (select count(*) from approvals where status = 'pending') a`)).rows[0]!;
    const me = (await owner.query<{ id: number }>("select id from users order by id limit 1")).rows[0]?.id ?? 1;
    const loadBefore = load();
    const started = new Date();
    const rows: string[] = [];
    for (const [name, fn] of figures(me)) {
      const m = await time(fn);
      const row = `| ${name} | ${m.p50.toFixed(1)} | **${m.p95.toFixed(1)}** | ${m.max.toFixed(1)} | ${m.p95 < TARGET_MS ? "yes" : "**no**"} |`;
      console.log(row);
      rows.push(row);
    }
    const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
    const n = (s: string) => Number(s).toLocaleString("en");
    const text = [
      `### Run of ${started.toISOString().slice(0, 16)} UTC`,
      "",
      `${n(counts.c)} containers (${n(counts.b)} breached, ${n(counts.o)} open), ${n(counts.t)} open workbook tasks, ${n(counts.a)} pending approvals. ` +
      `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}; load average (1/5/15 min) ${loadBefore} before, ${load()} after. ` +
      `${RUNS} runs per figure after ${WARMUPS} warm-ups, one at a time, timed around the domain function the page calls (server time: SQL plus Prisma). ` +
      (filled.length ? `bench:sla filled in: ${filled.join(", ")}.` : "Nothing filled in (the SLA data was there)."),
      "",
      "| figure | p50 ms | p95 ms | max ms | p95 < 300 ms |",
      "|---|---|---|---|---|",
      ...rows,
      "",
    ].join("\n");
    if (!values["no-write"]) {
      appendSection(path.join(process.cwd(), "docs", "benchmarks.md"), "## SLA dashboard at scale: `npm run bench:sla`", text);
      console.log("written to docs/benchmarks.md");
    }
  } finally {
    await owner.end();
    await disconnectDb();
    await database.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
