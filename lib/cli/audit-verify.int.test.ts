// `vigil audit verify` against the shared test database: intact, then a row altered behind the
// triggers' back, then a whole chain rewritten consistently (only the anchor can tell). Every
// tampering is undone afterwards, since later test files verify the whole log too.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "../db/client";
import { SYSTEM } from "../domain/actor";
import { appendAudit, auditHash, chainOf, GENESIS } from "../domain/audit";
import { auditKey } from "../domain/audit-anchor";
import { verifyAuditLog } from "../domain/audit-verify";
import { tokenClient } from "../rest/rest-test-kit";
import { runVigil } from "../testing/cli";

const env = { DATABASE_URL: inject("databaseUrl"), VIGIL_DATA_DIR: inject("vigilDataDir") };
const superuser = new pg.Client({ connectionString: inject("superuserUrl") });
let containerId: number;
let original: Record<string, unknown>[];

/** As an attacker with the database superuser: run `sql` with the audit triggers off. */
async function behindTheTriggers(fn: () => Promise<unknown>) {
  await superuser.query("set session_replication_role = replica");
  try {
    await fn();
  } finally {
    await superuser.query("set session_replication_role = origin");
  }
}

async function restore() {
  await behindTheTriggers(async () => {
    await superuser.query("delete from audit_log where chain = $1", [chainOf(containerId)]);
    for (const r of original) {
      const cols = Object.keys(r);
      await superuser.query(
        `insert into audit_log (${cols.join(", ")}) values (${cols.map((_, i) => `$${i + 1}`).join(", ")})`,
        cols.map((c) => (c === "detail" ? JSON.stringify(r[c]) : r[c])),
      );
    }
  });
}

beforeAll(async () => {
  await superuser.connect();
  // Audit rows written through the app: a container created over REST, then changed.
  const admin = await tokenClient("administrator");
  const created = await admin.call("POST", "/rest/container", { name: "verify me", artifacts: [{ name: "a", cef: { sourceAddress: "10.9.8.7" } }] });
  expect(created.status).toBe(200);
  containerId = created.body.id;
  expect((await admin.call("POST", `/rest/container/${containerId}`, { status: "open", severity: "high" })).status).toBe(200);
  expect((await admin.call("POST", "/rest/container_comment", { container_id: containerId, comment: "looked at it" })).status).toBe(200);
  original = (await superuser.query("select * from audit_log where chain = $1 order by id", [chainOf(containerId)])).rows;
  expect(original.length).toBeGreaterThanOrEqual(3);
});

afterAll(async () => {
  await superuser.end();
});

describe("vigil audit verify", () => {
  it("exits 0 with a summary when every chain is intact", async () => {
    const result = await runVigil(["audit", "verify"], env);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^audit log intact: \d+ chains, \d+ rows verified\n$/);
    expect(result.code).toBe(0);
  });

  it("names the chain and the row that was altered directly in the database", async () => {
    const victim = original[1]!;
    await behindTheTriggers(() => superuser.query("update audit_log set actor_name = 'someone else' where id = $1", [victim.id]));
    try {
      const result = await runVigil(["audit", "verify"], env);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`BROKEN chain container:${containerId} at row ${victim.id}: the row's content does not match its hash (the row was altered)`);
      expect(result.stdout).toMatch(/audit log NOT intact: 1 broken of \d+ chains/);
    } finally {
      await restore();
    }
    expect((await runVigil(["audit", "verify"], env)).code).toBe(0);
  });

  it("catches a chain truncated and rewritten consistently, through its anchor", async () => {
    // The attacker rewrites the history with the actor changed everywhere and every hash
    // recomputed, so each link is right; only the HMAC'd head outside the table disagrees.
    await behindTheTriggers(async () => {
      await superuser.query("delete from audit_log where chain = $1", [chainOf(containerId)]);
      let prev = GENESIS;
      for (const r of original) {
        const at = (r.at as Date).toISOString();
        const content = {
          at, actorId: null, actorName: "nobody", action: r.action, objectType: r.object_type,
          objectId: r.object_id, containerId: r.container_id, detail: r.detail,
        };
        const hash = auditHash(prev, content);
        await superuser.query(
          `insert into audit_log (at, actor_id, actor_name, action, object_type, object_id, container_id, detail, chain, prev_hash, hash)
           values ($1, null, 'nobody', $2, $3, $4, $5, $6, $7, $8, $9)`,
          [at, r.action, r.object_type, r.object_id, r.container_id, JSON.stringify(r.detail), r.chain, prev, hash],
        );
        prev = hash;
      }
    });
    try {
      const result = await runVigil(["audit", "verify"], env);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(new RegExp(`BROKEN chain container:${containerId} at row \\d+: the last row is not the anchored head`));
      // Moving the anchor along without the key does not help.
      const head = (await superuser.query("select hash from audit_log where chain = $1 order by id desc limit 1", [chainOf(containerId)])).rows[0].hash;
      const anchor = (await superuser.query("select head_hash, mac from audit_heads where chain = $1", [chainOf(containerId)])).rows[0];
      await superuser.query("update audit_heads set head_hash = $2 where chain = $1", [chainOf(containerId), head]);
      const again = await runVigil(["audit", "verify"], env);
      expect(again.code).toBe(1);
      expect(again.stdout).toContain(`BROKEN chain container:${containerId}`);
      expect(again.stdout).toContain("the anchor's HMAC does not match");
      await superuser.query("update audit_heads set head_hash = $2, mac = $3 where chain = $1", [chainOf(containerId), anchor.head_hash, anchor.mac]);
    } finally {
      await restore();
    }
    expect((await runVigil(["audit", "verify"], env)).code).toBe(0);
  });

  it("walks rows in numeric id order across page boundaries (row 10 after row 9, not after row 1)", async () => {
    for (let i = 0; i < 12; i++) {
      await db.$transaction((tx) => appendAudit(tx, SYSTEM, { action: "test.paging", objectType: "test", containerId: i % 3 ? null : 990_000 + i }));
    }
    const client = new pg.Client({ connectionString: inject("databaseUrl") });
    await client.connect();
    try {
      const total = Number((await client.query("select count(*) as n from audit_log")).rows[0].n);
      for (const page of [1, 3, 5000]) {
        const report = await verifyAuditLog(client, auditKey(), page);
        expect(report.breaks).toEqual([]);
        expect(report.rows).toBe(total);
      }
    } finally {
      await client.end();
    }
  });

  it("refuses to run without the data directory's audit key", async () => {
    const result = await runVigil(["audit", "verify"], { ...env, VIGIL_DATA_DIR: "/nonexistent-vigil-data" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("no audit key at /nonexistent-vigil-data/keys/audit-hmac");
  });
});
