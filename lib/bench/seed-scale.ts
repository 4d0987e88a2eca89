// `npm run seed:scale -- --containers 1000000`: fills a database with realistic-looking events
// for the UI benchmark (docs/benchmarks.md) and for trying the console at scale. Everything is
// generated inside PostgreSQL (INSERT ... SELECT over generate_series: one statement per batch of
// containers with their artifacts and notes, then the indicators in hash partitions), on one
// connection per core, because a million containers through the ingestion API would take hours.
// Targets DATABASE_URL, else the embedded PostgreSQL of VIGIL_DATA_DIR (started if needed).
//
// Shape of the data: containers spread over the last 90 days, six labels, weighted severities,
// most older events closed, open ones partly assigned; 3 artifacts each (network: two IPs and a
// port; web: a URL and its domain; file: a name and a SHA-256) drawn from pools so indicators
// repeat across events as real feeds do; indicators with first/last seen and their links;
// a note on ~15% of the events. No audit rows: the audit log is hash-chained by the domain
// layer, and forging chains in bulk would defeat it. The dashboard reads open_time/close_time
// for these events, and the audit trail for events worked in the console.
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { readConfig } from "../config";
import { openDatabaseForCommand } from "../db/database";
import { SEED_SQL } from "./seed-sql";

const { values } = parseArgs({
  options: {
    containers: { type: "string", default: "100000" },
    batch: { type: "string", default: "25000" },
    // Each step runs on this many connections at once: one PostgreSQL backend per core.
    jobs: { type: "string", default: String(Math.max(1, availableParallelism())) },
  },
});
const total = Number(values.containers);
const batch = Number(values.batch);
const jobs = Number(values.jobs);
if (![total, batch, jobs].every((n) => Number.isInteger(n) && n > 0)) {
  console.error("usage: npm run seed:scale -- --containers N [--batch B] [--jobs J]");
  process.exit(2);
}

const SEED_USERS = ["mara.lind", "tom.okafor", "ines.ruiz", "dev.patel", "sam.keller"];

const TABLES = ["containers", "artifacts", "indicators", "indicator_artifacts", "notes"];

/** Artifact ids per indicator statement: bounds each statement's memory and shows progress. */
const INDICATOR_CHUNK = 200_000;

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // A bulk load that is lost on a crash is simply run again: no need to wait for the WAL flush.
  await client.query("set synchronous_commit = off");
  // GIN builds accumulate entries in memory and write far fewer, larger runs with more of it.
  await client.query("set maintenance_work_mem = '1GB'");
  await client.query("set work_mem = '256MB'");
  return client;
}

/** Runs `work` over `items` on every client at once, each taking the next item when it is free. */
async function inParallel<T>(clients: pg.Client[], items: T[], work: (client: pg.Client, item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(clients.map(async (client) => {
    while (next < items.length) await work(client, items[next++]!);
  }));
}

/**
 * Drops what slows a bulk load row by row, keeping its definition for restoreIndexes: the
 * secondary indexes, the foreign keys (a trigger and an index probe per row and key: three per
 * indicator link) and the link table's primary key, which no statement of the load needs (links
 * of new artifacts are new) and whose random-order inserts outgrew the buffer cache at 1M.
 */
async function dropSecondaryIndexes(client: pg.Client) {
  await client.query(`create table seed_scale_pending_indexes as
    select indexname as name, indexdef as definition, 'index' as kind from pg_indexes
    where schemaname = 'public' and tablename = any($1) and indexdef not like 'CREATE UNIQUE INDEX%'
    union all
    select c.conname, format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)),
      case c.contype when 'f' then 'foreign key' else 'primary key' end
    from pg_constraint c
    where c.conrelid = any($2::regclass[]) and (c.contype = 'f' or c.conname = 'indicator_artifacts_pkey')`, [TABLES, TABLES]);
  const rows = (await client.query<{ name: string; definition: string; kind: string }>(
    "select name, definition, kind from seed_scale_pending_indexes order by kind = 'primary key'",
  )).rows;
  for (const r of rows) {
    if (r.kind === "index") await client.query(`drop index "${r.name}"`);
    else await client.query(`${r.definition.replace(/ ADD CONSTRAINT .*/, "")} DROP CONSTRAINT "${r.name}"`);
  }
}

/** Builds what a load dropped (or an interrupted load left dropped), several at a time. */
async function restoreIndexes(clients: pg.Client[]) {
  const found = (await clients[0]!.query("select to_regclass('public.seed_scale_pending_indexes') as t")).rows[0]?.t;
  if (!found) return;
  // The GIN indexes of the big tables first: they take longest, and the rest fill in beside them.
  // Foreign keys last: checking one reads both tables whole, and waits for index builds on them.
  const rows = (await clients[0]!.query<{ name: string; definition: string; kind: string }>(
    `select p.name, p.definition, p.kind from seed_scale_pending_indexes p
     order by p.kind = 'foreign key', (p.definition like '%USING gin%') desc,
       (select reltuples from pg_class where relname = split_part(split_part(p.definition, ' ON public.', 2), ' ', 1)) desc nulls last`,
  )).rows;
  await inParallel(clients, rows, async (client, r) => {
    const t = Date.now();
    if (r.kind === "index") await client.query(r.definition.replace(/^CREATE INDEX /, "CREATE INDEX IF NOT EXISTS "));
    else {
      const exists = (await client.query("select 1 from pg_constraint where conname = $1", [r.name])).rowCount;
      if (!exists) await client.query(r.definition);
    }
    if (process.env.SEED_TIMINGS) console.log(`${r.kind} ${r.name}: ${Date.now() - t} ms`);
  });
  await clients[0]!.query("drop table seed_scale_pending_indexes");
}

async function main() {
  const started = Date.now();
  const database = await openDatabaseForCommand(readConfig());
  const clients = await Promise.all(Array.from({ length: jobs }, () => connect(database.ownerUrl)));
  const client = clients[0]!;
  try {
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
    await restoreIndexes(clients);
    if (total >= 100_000) await dropSecondaryIndexes(client);
    const firstArtifact = Number((await client.query("select coalesce(max(id), 0) + 1 as n from artifacts")).rows[0].n);

    const run = Date.now().toString(36);
    const batches = Array.from({ length: Math.ceil(total / batch) }, (_, i) => i * batch);
    let done = 0;
    await inParallel(clients, batches, async (c, from) => {
      const n = Math.min(batch, total - from);
      const t0 = Date.now();
      await c.query(SEED_SQL.batch, [from, from + n - 1, `seed-${run}-`, owners]);
      done += n;
      const rate = Math.round(n / ((Date.now() - t0) / 1000));
      console.log(`${done.toLocaleString("en")} / ${total.toLocaleString("en")} containers (${rate.toLocaleString("en")}/s on one connection)`);
    });
    console.log(`containers, artifacts and notes loaded at ${seconds(started)} s; indicators ...`);

    const lastArtifact = Number((await client.query("select coalesce(max(id), 0) + 1 as n from artifacts")).rows[0].n);
    const chunks: [number, number, number][] = [];
    for (let lo = firstArtifact; lo < lastArtifact; lo += INDICATOR_CHUNK) {
      for (let part = 0; part < jobs; part++) chunks.push([lo, Math.min(lo + INDICATOR_CHUNK, lastArtifact), part]);
    }
    // Chunks go out in order, so the connections work on different partitions of the same range.
    await inParallel(clients, chunks, async (c, [lo, hi, part]) => {
      await c.query(SEED_SQL.indicators, [lo, hi, part, jobs]);
      if (process.env.SEED_TIMINGS) console.log(`indicators for artifacts ${lo}..${hi - 1}, partition ${part}`);
    });
    const loaded = Date.now();
    console.log(`indicators loaded at ${seconds(started)} s; building indexes ...`);
    await restoreIndexes(clients);
    console.log(`indexes built at ${seconds(started)} s; vacuum analyze ...`);
    // Fresh statistics for the planner and a visibility map for index-only scans.
    await inParallel(clients, TABLES, async (c, table) => { await c.query(`vacuum analyze ${table}`); });
    const counts = (await client.query<{ c: string; a: string; i: string; l: string; n: string }>(
      `select (select count(*) from containers) c, (select count(*) from artifacts) a, (select count(*) from indicators) i,
        (select count(*) from indicator_artifacts) l, (select count(*) from notes) n`,
    )).rows[0]!;
    console.log(
      `seeded ${total.toLocaleString("en")} containers in ${seconds(started)} s on ${jobs} connections ` +
      `(load ${((loaded - started) / 1000).toFixed(1)} s, then indexes and vacuum analyze); ` +
      `database now holds ${counts.c} containers, ${counts.a} artifacts, ${counts.i} indicators, ${counts.l} indicator links, ${counts.n} notes`,
    );
  } finally {
    await Promise.all(clients.map((c) => c.end()));
    await database.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
