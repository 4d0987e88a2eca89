// `npm run bench:ui`: the console benchmark of docs/benchmarks.md. Run `npm run build` (with
// your VIGIL_DIST_DIR) and `npm run seed:scale` into a data directory first, then
//   npm run bench:ui -- --data-dir /tmp/vigil-scale [--pg-port 55480] [--samples 40] [--no-write]
// It starts `vigil start` (production build, LOG_LEVEL=warn) on that data directory, creates a
// benchmark analyst with the CLI, signs in with Chromium, then:
// - server time: sequential GETs of each page with the session cookie from this process, after
//   warm-up; TTFB (response headers) and the full server-rendered HTML (last byte: pages stream
//   Suspense boundaries, so the last byte is when the server finished), p50/p95/max;
// - largest contentful paint of the events page and an investigation page in Chromium
//   (PerformanceObserver, buffered), each loaded in a fresh browser context.
import { appendFileSync, readFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type BrowserContext } from "@playwright/test";
import pg from "pg";
import { runVigil } from "../testing/cli";
import { freePort } from "../testing/ports";
import { startVigil } from "../testing/vigil-process";

const { values } = parseArgs({
  options: {
    "data-dir": { type: "string", default: process.env.VIGIL_DATA_DIR },
    "pg-port": { type: "string" },
    samples: { type: "string", default: "40" },
    "lcp-runs": { type: "string", default: "5" },
    "no-write": { type: "boolean", default: false },
  },
});
const dataDir = values["data-dir"];
if (!dataDir) {
  console.error("usage: npm run bench:ui -- --data-dir DIR [--pg-port P] [--samples N] [--lcp-runs N] [--no-write]");
  process.exit(2);
}
const SAMPLES = Number(values.samples);
const LCP_RUNS = Number(values["lcp-runs"]);
const ROOT = path.resolve(import.meta.dirname, "..", "..");

function get(url: string, cookie: string): Promise<{ status: number; ttfb: number; total: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const ms = () => Number(process.hrtime.bigint() - start) / 1e6;
    http.get(url, { headers: { cookie, accept: "text/html" } }, (res) => {
      const ttfb = ms();
      let bytes = 0;
      res.on("data", (c: Buffer) => (bytes += c.length));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, ttfb, total: ms(), bytes }));
    }).on("error", reject);
  });
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const r = (n: number) => Math.round(n);

async function lcp(context: BrowserContext, url: string): Promise<number> {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "load" });
  await page.waitForTimeout(1000);
  const value = await page.evaluate(() => new Promise<number>((resolve) => {
    new PerformanceObserver((list) => {
      const entries = list.getEntries();
      resolve(entries[entries.length - 1]!.startTime);
    }).observe({ type: "largest-contentful-paint", buffered: true });
    setTimeout(() => resolve(-1), 2000);
  }));
  await page.close();
  return value;
}

async function main() {
  const vigil = await startVigil({ dataDir, pgPort: values["pg-port"] ? Number(values["pg-port"]) : await freePort() });
  try {
    const env = { VIGIL_DATA_DIR: dataDir!, DATABASE_URL: "" };
    const user = `bench-${Date.now().toString(36)}`;
    const password = `bench-${Math.random().toString(36).slice(2)}-pw`;
    const created = await runVigil(["user", "create", "--name", user, "--role", "analyst", "--password", password], env);
    if (created.code !== 0) throw new Error(created.stderr);

    // Ids and a deep cursor for the URLs, straight from the database the server runs on.
    const db = new pg.Client({ connectionString: readFileSync(path.join(dataDir!, "run", "database-url"), "utf8").trim() });
    await db.connect();
    const counts = (await db.query<{ c: string }>("select count(*) as c from containers")).rows[0]!.c;
    const mid = (await db.query<{ id: number }>("select id from containers where id >= (select max(id) / 2 from containers) order by id limit 1")).rows[0]!.id;
    const deep = (await db.query<{ t: Date; id: number }>(
      "select create_time as t, id from containers order by create_time desc, id desc offset 500000 limit 1")).rows[0];
    const domain = (await db.query<{ id: number; value: string }>(
      "select id, value from indicators where types @> array['domain'] order by count desc limit 1")).rows[0];
    const ip = (await db.query<{ value: string }>("select value from indicators where types @> array['ip'] order by last_seen desc limit 1")).rows[0];
    await db.end();
    const cursor = deep ? Buffer.from(JSON.stringify(["create_time", deep.t.toISOString(), deep.id])).toString("base64url") : "";

    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
    });
    const signIn = await browser.newContext({ baseURL: vigil.url, viewport: { width: 1280, height: 800 } });
    const page = await signIn.newPage();
    await page.goto("/login");
    await page.getByLabel("Username").fill(user);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: /Welcome/ }).waitFor();
    const state = await signIn.storageState();
    const cookie = state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    await signIn.close();

    const pages: [string, string][] = [
      ["events, first page", "/events"],
      ["events, filtered (high, new)", "/events?severity=high&status=new"],
      ["events, deep page (500,000 rows in)", `/events?cursor=${cursor}`],
      [`investigation /events/${mid}`, `/events/${mid}`],
      ["home dashboard", "/"],
      ["indicators", "/indicators"],
      ["indicators, type domain", "/indicators?type=domain"],
      ...(domain ? [[`indicator page (${domain.value})`, `/indicators/${domain.id}`] as [string, string]] : []),
      ...(ip ? [[`search an IP (${ip.value})`, `/search?q=${encodeURIComponent(ip.value)}`] as [string, string]] : []),
      ["search a common word (beaconing)", "/search?q=beaconing"],
      ["search a title word (phishing)", "/search?q=phishing"],
    ];
    const rows: string[] = [];
    for (const [name, p] of pages) {
      const url = vigil.url + p;
      for (let i = 0; i < 5; i++) await get(url, cookie);
      const ttfb: number[] = [];
      const total: number[] = [];
      let status = 0;
      for (let i = 0; i < SAMPLES; i++) {
        const res = await get(url, cookie);
        status = res.status;
        ttfb.push(res.ttfb);
        total.push(res.total);
      }
      ttfb.sort((a, b) => a - b);
      total.sort((a, b) => a - b);
      const row = `| ${name} | ${status} | ${r(pct(ttfb, 50))} / ${r(pct(ttfb, 95))} | ${r(pct(total, 50))} | **${r(pct(total, 95))}** | ${r(total[total.length - 1]!)} |`;
      console.log(row);
      rows.push(row);
    }

    const lcpRows: string[] = [];
    for (const [name, p] of [["events page", "/events"], [`investigation /events/${mid}`, `/events/${mid}`]] as const) {
      const runs: number[] = [];
      for (let i = 0; i < LCP_RUNS; i++) {
        const context = await browser.newContext({ baseURL: vigil.url, viewport: { width: 1280, height: 800 }, storageState: state });
        runs.push(await lcp(context, p));
        await context.close();
      }
      runs.sort((a, b) => a - b);
      const row = `| ${name} | ${runs.map(r).join(", ")} | ${r(pct(runs, 50))} | **${r(runs[runs.length - 1]!)}** |`;
      console.log(row);
      lcpRows.push(row);
    }
    await browser.close();

    const cpu = /model name\s*:\s*(.*)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? os.cpus()[0]?.model ?? "?";
    const machine = `${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}`;
    const load = os.loadavg().map((l) => l.toFixed(2)).join(" / ");
    const report = [
      "", `### Run of ${new Date().toISOString().slice(0, 16)} UTC`, "",
      `${machine}; ${Number(counts).toLocaleString("en")} containers; ${SAMPLES} samples per page after 5 warm-up requests; ` +
      `load average at the end (1/5/15 min): ${load}.`, "",
      "| page | status | TTFB p50 / p95 ms | full HTML p50 ms | full HTML p95 ms (target < 150) | max ms |",
      "|---|---|---|---|---|---|", ...rows, "",
      `Largest contentful paint in Chromium, ${LCP_RUNS} fresh contexts each (target < 1,500 ms):`, "",
      "| page | runs ms | p50 ms | worst ms |", "|---|---|---|---|", ...lcpRows, "",
    ].join("\n");
    console.log(report);
    if (!values["no-write"]) appendFileSync(path.join(ROOT, "docs", "benchmarks.md"), report);
  } finally {
    await vigil.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
