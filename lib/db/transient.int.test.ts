// Database faults as Prisma and raw SQL see them: recognised as transient (so REST answers 503,
// not 500), and the one pool never hands out a connection the server has cut off twice.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { db, disconnectDb } from "./client";
import { dbPool } from "./pool";
import { sql } from "./sql";
import { transientKind } from "./transient";

const appName = `vigil-transient-${randomUUID().slice(0, 8)}`;
process.env.VIGIL_DB_POOL = "3";
process.env.PGAPPNAME = appName;

async function terminateOurConnections(): Promise<number> {
  const admin = new pg.Client({ connectionString: inject("superuserUrl"), application_name: "vigil-fault-admin" });
  await admin.connect();
  try {
    const { rows } = await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1", [appName]);
    return rows.length;
  } finally {
    await admin.end();
  }
}

afterAll(async () => {
  await disconnectDb();
});

describe("transient database errors", () => {
  it("a connection cut mid-statement is a 'lost' fault through Prisma, a transaction and raw SQL alike", async () => {
    const inFlight = [
      db.$queryRaw`select pg_sleep(5)::text`,
      db.$transaction(async (tx) => tx.$queryRaw`select pg_sleep(5)::text`),
      sql("select pg_sleep(5)"),
    ].map((p) => p.then(() => null, (err: unknown) => err));
    await expect.poll(async () => {
      const admin = new pg.Client({ connectionString: inject("superuserUrl"), application_name: "vigil-fault-admin" });
      await admin.connect();
      const { rows } = await admin.query("select count(*)::int as n from pg_stat_activity where application_name = $1 and state = 'active'", [appName]);
      await admin.end();
      return rows[0].n;
    }, { timeout: 5000 }).toBe(3);
    expect(await terminateOurConnections()).toBe(3);
    const errors = await Promise.all(inFlight);
    for (const err of errors) expect(err, String(err)).not.toBeNull();
    expect(errors.map(transientKind)).toEqual(["lost", "lost", "lost"]);
    // None of the three dead connections keeps its pool slot (the transaction's did, before the
    // adapter patch: Prisma releases only after a ROLLBACK that a dead connection cannot run).
    await expect.poll(() => dbPool().totalCount - dbPool().idleCount, { timeout: 2000 }).toBe(0);
  });

  it("after the server cut every pooled connection, the next queries all succeed (none reuses a dead one)", async () => {
    await Promise.all(Array.from({ length: 3 }, () => sql("select pg_sleep(0.05)")));
    expect(await terminateOurConnections()).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    for (let i = 0; i < 6; i++) {
      expect(await sql<{ one: number }>("select 1 as one")).toEqual([{ one: 1 }]);
      expect(await db.$queryRaw`select 1 as one`).toEqual([{ one: 1 }]);
      expect(await db.$transaction(async (tx) => tx.$queryRaw`select 1 as one`)).toEqual([{ one: 1 }]);
    }
  });

  it("a server that refuses connections is an 'unreachable' fault", async () => {
    const client = new pg.Client({ host: "127.0.0.1", port: 9, user: "x", database: "x" });
    const err = await client.connect().then(() => null, (e: unknown) => e);
    expect(transientKind(err)).toBe("unreachable");
  });
});
