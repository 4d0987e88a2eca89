// The process serving requests runs as a role that cannot rewrite the audit log: no TRUNCATE,
// UPDATE or DELETE, and no way to switch its triggers off or drop them (no DDL at all).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { db } from "./client";
import { SYSTEM } from "../domain/actor";
import { appendAudit } from "../domain/audit";

const runtime = new pg.Client({ connectionString: inject("databaseUrl") });
const superuser = new pg.Client({ connectionString: inject("superuserUrl") });
const split = inject("databaseUrl") !== inject("superuserUrl");

beforeAll(async () => {
  await Promise.all([runtime.connect(), superuser.connect()]);
  await db.$transaction((tx) => appendAudit(tx, SYSTEM, { action: "test.roles", objectType: "test" }));
});
afterAll(async () => {
  await Promise.all([runtime.end(), superuser.end()]);
});

describe.skipIf(!split)("the runtime database role", () => {
  it("is what the app and the tests use, and is neither owner nor superuser", async () => {
    const { rows } = await runtime.query("select current_user as me, (select rolsuper from pg_roles where rolname = current_user) as su, (select tableowner from pg_tables where tablename = 'audit_log') as owner");
    expect(rows[0]).toEqual({ me: "vigil_app", su: false, owner: "vigil_owner" });
    const [viaPrisma] = await db.$queryRaw<{ me: string }[]>`select current_user as me`;
    expect(viaPrisma!.me).toBe("vigil_app");
  });

  it.each([
    ["TRUNCATE", "truncate audit_log", /permission denied/],
    ["DELETE", "delete from audit_log", /permission denied/],
    ["UPDATE", "update audit_log set action = 'tampered'", /permission denied/],
    ["DISABLE TRIGGER", "alter table audit_log disable trigger all", /must be owner/],
    ["DROP TRIGGER", "drop trigger audit_log_no_update on audit_log", /must be owner/],
    ["DROP TABLE", "drop table audit_log", /must be owner/],
    ["CREATE TABLE", "create table sneaky (id int)", /permission denied/],
    ["rewrite the trigger function", "create or replace function audit_log_append_only() returns trigger language plpgsql as $$ begin return new; end $$", /must be owner|permission denied/],
  ])("cannot %s", async (_what, statement, error) => {
    const before = (await superuser.query("select count(*)::int as n from audit_log")).rows[0].n;
    await expect(runtime.query(statement)).rejects.toThrow(error);
    expect((await superuser.query("select count(*)::int as n from audit_log")).rows[0].n).toBe(before);
  });

  it("can still append to and read the audit log", async () => {
    const { rows } = await runtime.query("select count(*)::int as n from audit_log where action = 'test.roles'");
    expect(rows[0].n).toBeGreaterThanOrEqual(1);
  });

  it("gets rights on tables that later migrations add (default privileges of the owner)", async () => {
    await superuser.query("set role vigil_owner; create table later_feature (id serial primary key, v text); reset role");
    try {
      await runtime.query("insert into later_feature (v) values ('x')");
      expect((await runtime.query("select v from later_feature")).rows).toEqual([{ v: "x" }]);
      await expect(runtime.query("truncate later_feature")).rejects.toThrow(/permission denied/);
    } finally {
      await superuser.query("drop table later_feature");
    }
  });

  it("and even the superuser's TRUNCATE is refused by the audit log's trigger", async () => {
    await expect(superuser.query("truncate audit_log")).rejects.toThrow(/append-only/);
  });
});
