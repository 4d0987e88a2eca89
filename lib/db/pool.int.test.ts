// VIGIL_DB_POOL is the number of PostgreSQL connections a process opens: Prisma and the raw-SQL
// path (ingestion, token checks) draw from one pool. Before, each had its own pool of that size.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "./client";
import { sql } from "./sql";

// Read when the pool opens (lazily, at the first query): this file's process gets a pool of 3
// whose connections name themselves, so pg_stat_activity can count them.
const appName = `vigil-pool-${randomUUID().slice(0, 8)}`;
process.env.VIGIL_DB_POOL = "3";
process.env.PGAPPNAME = appName;

async function connectionsOfThisProcess(): Promise<number> {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL, application_name: "vigil-pool-observer" });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ n: number }>("select count(*)::int as n from pg_stat_activity where application_name = $1", [appName]);
    return rows[0]!.n;
  } finally {
    await admin.end();
  }
}

afterAll(async () => {
  await disconnectDb();
});

describe("one pool per process", () => {
  it("Prisma and raw SQL together open at most VIGIL_DB_POOL connections", async () => {
    let peak = 0;
    const watch = setInterval(() => void connectionsOfThisProcess().then((n) => (peak = Math.max(peak, n))), 50);
    try {
      await Promise.all([
        ...Array.from({ length: 8 }, () => db.$queryRaw`select pg_sleep(0.2)::text`),
        ...Array.from({ length: 8 }, () => sql("select pg_sleep(0.2)")),
        ...Array.from({ length: 4 }, () => db.$transaction(async (tx) => tx.$queryRaw`select pg_sleep(0.1)::text`)),
      ]);
    } finally {
      clearInterval(watch);
    }
    const after = await connectionsOfThisProcess();
    expect(Math.max(peak, after)).toBe(3);
  });

  it("disconnecting ends the pool once, and the next query opens it again", async () => {
    await disconnectDb();
    await disconnectDb(); // a second stop (shutdown after a failed start) is harmless
    await expect.poll(connectionsOfThisProcess, { timeout: 5000 }).toBe(0);
    expect(await sql<{ one: number }>("select 1 as one")).toEqual([{ one: 1 }]);
    expect(await db.$queryRaw`select 2 as two`).toEqual([{ two: 2 }]);
  });
});
