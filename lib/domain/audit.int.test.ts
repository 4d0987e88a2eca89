import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { db } from "../db/client";
import { SYSTEM } from "./actor";
import { appendAudit, verifyAuditChain, withBatchedAudit } from "./audit";

describe("audit log", () => {
  it("is hash-chained and verifies", async () => {
    await db.$transaction((tx) => appendAudit(tx, SYSTEM, { action: "test.one", objectType: "test", detail: { b: 1, a: [2, { z: 1, y: 2 }] } }));
    await db.$transaction((tx) => appendAudit(tx, SYSTEM, { action: "test.two", objectType: "test" }));
    expect(await db.$transaction((tx) => verifyAuditChain(tx))).toBeNull();
    const [last, previous] = await db.auditLog.findMany({ orderBy: { id: "desc" }, take: 2 });
    expect(last!.prevHash).toBe(previous!.hash);
  });

  it("stays one chain when a batched writer waits for a writer of the same chain to commit", async () => {
    // The single writer holds the chain's lock until it commits; the batch (the playbook engine's
    // commit) queues behind it and must then chain onto the row it committed, not fork beside it.
    let appended!: () => void;
    const holding = new Promise<void>((resolve) => (appended = resolve));
    const single = db.$transaction(async (tx) => {
      await appendAudit(tx, SYSTEM, { action: "test.single", objectType: "test" });
      appended();
      await new Promise((r) => setTimeout(r, 500));
    });
    await holding;
    const batched = db.$transaction((tx) => withBatchedAudit(tx, async () => {
      await appendAudit(tx, SYSTEM, { action: "test.batched.1", objectType: "test" });
      await appendAudit(tx, SYSTEM, { action: "test.batched.2", objectType: "test" });
    }));
    await Promise.all([single, batched]);
    expect(await db.$transaction((tx) => verifyAuditChain(tx))).toBeNull();
    const rows = await db.auditLog.findMany({ where: { action: { startsWith: "test." } }, orderBy: { id: "desc" }, take: 3 });
    expect(rows.map((r) => r.action)).toEqual(["test.batched.2", "test.batched.1", "test.single"]);
    expect(rows[1]!.prevHash).toBe(rows[2]!.hash);
  });

  it("refuses edits and deletions: the runtime role has no right to, and the trigger stops even the superuser", async () => {
    const row = await db.auditLog.findFirstOrThrow({ orderBy: { id: "desc" } });
    const refused = inject("databaseUrl") === inject("superuserUrl") ? /append-only/ : /permission denied/;
    await expect(db.auditLog.update({ where: { id: row.id }, data: { action: "tampered" } })).rejects.toThrow(refused);
    await expect(db.auditLog.delete({ where: { id: row.id } })).rejects.toThrow(refused);
    const superuser = new pg.Client({ connectionString: inject("superuserUrl") });
    await superuser.connect();
    try {
      await expect(superuser.query("update audit_log set action = 'tampered' where id = $1", [row.id])).rejects.toThrow(/append-only/);
      await expect(superuser.query("delete from audit_log where id = $1", [row.id])).rejects.toThrow(/append-only/);
    } finally {
      await superuser.end();
    }
  });
});
