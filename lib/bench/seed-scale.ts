// `npm run seed:scale -- --containers 1000000`: fills a database with realistic-looking events
// for the UI benchmark (docs/benchmarks.md) and for trying the console at scale. Everything is
// generated inside PostgreSQL (INSERT ... SELECT over generate_series, one statement per batch
// for each table) because a million containers through the ingestion API would take an hour.
// Targets DATABASE_URL, else the embedded PostgreSQL of VIGIL_DATA_DIR (started if needed).
//
// Shape of the data: containers spread over the last 90 days, six labels, weighted severities,
// most older events closed, open ones partly assigned; 3 artifacts each (network: two IPs and a
// port; web: a URL and its domain; file: a name and a SHA-256) drawn from pools so indicators
// repeat across events as real feeds do; indicators with first/last seen and their links;
// a note on ~15% of the events. No audit rows: the audit log is hash-chained by the domain
// layer, and forging chains in bulk would defeat it. The dashboard reads open_time/close_time
// for these events, and the audit trail for events worked in the console.
import { parseArgs } from "node:util";
import pg from "pg";
import { readConfig } from "../config";
import { openDatabaseForCommand } from "../db/database";
import { SEED_SQL } from "./seed-sql";

const { values } = parseArgs({
  options: {
    containers: { type: "string", default: "100000" },
    batch: { type: "string", default: "50000" },
  },
});
const total = Number(values.containers);
const batch = Number(values.batch);
if (!Number.isInteger(total) || total <= 0 || !Number.isInteger(batch) || batch <= 0) {
  console.error("usage: npm run seed:scale -- --containers N [--batch B]");
  process.exit(2);
}

const SEED_USERS = ["mara.lind", "tom.okafor", "ines.ruiz", "dev.patel", "sam.keller"];

const TABLES = ["containers", "artifacts", "indicators", "indicator_artifacts", "notes"];

async function dropSecondaryIndexes(client: pg.Client) {
  await restoreIndexes(client);
  await client.query(`create table seed_scale_pending_indexes as
    select indexname as name, indexdef as definition from pg_indexes
    where schemaname = 'public' and tablename = any($1) and indexdef not like 'CREATE UNIQUE INDEX%'`, [TABLES]);
  const rows = (await client.query<{ name: string }>("select name from seed_scale_pending_indexes")).rows;
  for (const r of rows) await client.query(`drop index "${r.name}"`);
}

async function restoreIndexes(client: pg.Client) {
  const found = (await client.query("select to_regclass('public.seed_scale_pending_indexes') as t")).rows[0]?.t;
  if (!found) return;
  const rows = (await client.query<{ name: string; definition: string }>("select name, definition from seed_scale_pending_indexes")).rows;
  for (const r of rows) {
    const t = Date.now();
    await client.query(r.definition.replace(/^CREATE INDEX /, "CREATE INDEX IF NOT EXISTS "));
    if (process.env.SEED_TIMINGS) console.log(`index ${r.name}: ${Date.now() - t} ms`);
  }
  await client.query("drop table seed_scale_pending_indexes");
}

async function main() {
  const started = Date.now();
  const database = await openDatabaseForCommand(readConfig());
  const client = new pg.Client({ connectionString: database.ownerUrl });
  await client.connect();
  try {
    // A bulk load that is lost on a crash is simply run again: no need to wait for the WAL flush.
    await client.query("set synchronous_commit = off");
    await client.query("set maintenance_work_mem = '256MB'");
    for (const name of SEED_USERS) {
      await client.query(
        `insert into users (username, name, role, updated_at) values ($1, $2, 'analyst', now()) on conflict (username) do nothing`,
        [name, name.split(".").map((p) => p[0]!.toUpperCase() + p.slice(1)).join(" ")],
      );
    }
    const owners = (await client.query<{ id: number }>(
      `select id from users where role in ('administrator', 'manager', 'analyst') and not disabled order by id`,
    )).rows.map((r) => r.id);
    await client.query(`insert into labels (name) select unnest($1::text[]) on conflict (name) do nothing`,
      [["events", "phishing", "malware", "network", "vulnerability", "insider"]]);
    // Like pg_restore: secondary indexes are dropped for the load and built once at the end,
    // which is several times faster than maintaining them row by row. Their definitions are kept
    // in a table first, so a load that is interrupted gets them back on the next run.
    if (total >= 100_000) await dropSecondaryIndexes(client);
    else await restoreIndexes(client);
    const run = Date.now().toString(36);
    let done = 0;
    while (done < total) {
      const n = Math.min(batch, total - done);
      const t0 = Date.now();
      await client.query("begin");
      const range = await client.query<{ lo: number; hi: number }>(SEED_SQL.containers, [done, done + n - 1, `seed-${run}-`, owners]);
      const { lo, hi } = range.rows[0]!;
      const t1 = Date.now();
      await client.query(SEED_SQL.artifacts, [lo, hi]);
      const t2 = Date.now();
      await client.query(SEED_SQL.notes, [lo, hi]);
      await client.query("commit");
      if (process.env.SEED_TIMINGS) console.log({ containers: t1 - t0, artifacts: t2 - t1, notes: Date.now() - t2 });
      done += n;
      const rate = Math.round(n / ((Date.now() - t0) / 1000));
      console.log(`${done.toLocaleString("en")} / ${total.toLocaleString("en")} containers (${rate.toLocaleString("en")}/s)`);
    }
    const loaded = (Date.now() - started) / 1000;
    console.log(`loaded in ${loaded.toFixed(1)} s; building indexes ...`);
    await restoreIndexes(client);
    console.log(`indexes built at ${((Date.now() - started) / 1000).toFixed(1)} s; vacuum analyze ...`);
    // Fresh statistics for the planner and a visibility map for index-only scans.
    await client.query("vacuum analyze containers, artifacts, indicators, indicator_artifacts, notes");
    const seconds = (Date.now() - started) / 1000;
    const counts = (await client.query<{ c: string; a: string; i: string; l: string; n: string }>(
      `select (select count(*) from containers) c, (select count(*) from artifacts) a, (select count(*) from indicators) i,
        (select count(*) from indicator_artifacts) l, (select count(*) from notes) n`,
    )).rows[0]!;
    console.log(
      `seeded ${total.toLocaleString("en")} containers in ${seconds.toFixed(1)} s (load ${loaded.toFixed(1)} s + vacuum analyze); ` +
      `database now holds ${counts.c} containers, ${counts.a} artifacts, ${counts.i} indicators, ${counts.l} indicator links, ${counts.n} notes`,
    );
  } finally {
    await client.end();
    await database.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
