import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { SYSTEM } from "../domain/actor";
import { createUser } from "../domain/users";
import { hashPassword, SCRYPT_COST, verifyPassword } from "./password";
import { createSession, loadSession } from "./sessions";
import { checkCredentials, LIMITS } from "./sign-in";
import { sweepExpiredLimits, type LimitPolicy } from "./sign-in-limits";

const unique = (p: string) => `${p}-${randomUUID().slice(0, 8)}`;

describe("sign-in rate limiting", () => {
  it("limits failures per address across accounts, not other addresses", async () => {
    const address = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const { user } = await createUser({ username: unique("victim"), role: "analyst", password: "victim-pass-1" }, SYSTEM);
    // Spread the failures over many made-up accounts so only the address limit can trip.
    for (let i = 0; i < LIMITS.perAddress; i++) {
      const result = await checkCredentials(unique("nobody"), "guess", address);
      expect(result).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await checkCredentials(user.username, "victim-pass-1", address)).toEqual({
      ok: false, reason: "rate_limited", retryAfterSeconds: expect.any(Number),
    });
    const elsewhere = await checkCredentials(user.username, "victim-pass-1", "192.0.2.77");
    expect(elsewhere.ok).toBe(true);
  }, 120_000); // 20 scrypt hashes at N=2^17 take 6-30 s on a busy machine

  it("refuses disabled users and automation accounts in the browser", async () => {
    const { user: bot } = await createUser({ username: unique("bot"), role: "automation", password: "bot-pass-123" }, SYSTEM);
    expect(await checkCredentials(bot.username, "bot-pass-123", null)).toEqual({ ok: false, reason: "invalid" });
    const { user } = await createUser({ username: unique("gone"), role: "analyst", password: "gone-pass-123" }, SYSTEM);
    await db.user.update({ where: { id: user.id }, data: { disabled: true } });
    expect(await checkCredentials(user.username, "gone-pass-123", null)).toEqual({ ok: false, reason: "invalid" });
  });

  it("records failed sign-ins in the audit trail without the password", async () => {
    const name = unique("audited");
    await checkCredentials(name, "not-my-password", "198.51.100.1");
    const row = await db.auditLog.findFirst({ where: { action: "auth.sign_in_failed" }, orderBy: { id: "desc" } });
    expect(row?.detail).toEqual({ username: name, address: "198.51.100.1" });
    expect(JSON.stringify(row, (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain("not-my-password");
  });
});

describe("sign-in back-off", () => {
  // Small timings so the test can wait out a back-off; the defaults are 1 s doubling to 5 min.
  // The first wait must outlast one scrypt hash on a busy machine (up to about a second).
  const quick: LimitPolicy = { ...LIMITS, perAccount: 3, backoffBaseMs: 2000, backoffCapMs: 10_000 };
  const limitRow = (username: string) => db.signInLimit.findUnique({ where: { key: `account:${username.toLowerCase()}` } });
  const waitLeftMs = async (username: string) => {
    const [row] = await db.$queryRaw<{ ms: number }[]>`
      select extract(epoch from blocked_until - now())::float8 * 1000 as ms from sign_in_limits where key = ${`account:${username.toLowerCase()}`}`;
    return row!.ms;
  };

  it("lets at most the limit of a parallel burst of 30 wrong passwords reach the password check", async () => {
    const { user } = await createUser({ username: unique("burst"), role: "analyst", password: "burst-pass-1" }, SYSTEM);
    // A long first back-off, so the whole burst falls inside it even on a slow machine.
    const policy = { ...LIMITS, backoffBaseMs: 60_000 };
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => checkCredentials(user.username, `guess-${i}`, `198.18.${i}.1`, { policy })),
    );
    const checked = results.filter((r) => !r.ok && r.reason === "invalid");
    expect(checked).toHaveLength(LIMITS.perAccount);
    expect(results.filter((r) => !r.ok && r.reason === "rate_limited")).toHaveLength(30 - LIMITS.perAccount);
    expect((await limitRow(user.username))?.attempts).toBe(LIMITS.perAccount);
    const failed = await db.auditLog.count({ where: { action: "auth.sign_in_failed", objectId: String(user.id) } });
    expect(failed).toBe(LIMITS.perAccount);
    // Even the right password waits, and is told for how long.
    const right = await checkCredentials(user.username, "burst-pass-1", null, { policy });
    expect(right).toEqual({ ok: false, reason: "rate_limited", retryAfterSeconds: expect.any(Number) });
    expect(right.ok === false && right.reason === "rate_limited" && right.retryAfterSeconds).toBeGreaterThan(50);
  });

  it("backs off progressively instead of locking out, and the right password works once it has passed", async () => {
    const { user } = await createUser({ username: unique("backoff"), role: "analyst", password: "backoff-pass-1" }, SYSTEM);
    for (let i = 0; i < quick.perAccount; i++) {
      expect(await checkCredentials(user.username, "wrong", null, { policy: quick })).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await checkCredentials(user.username, "backoff-pass-1", null, { policy: quick })).toMatchObject({ ok: false, reason: "rate_limited" });
    // The wait runs from when the failure was known, not from before the slow hash.
    const first = await waitLeftMs(user.username);
    expect(first).toBeLessThanOrEqual(quick.backoffBaseMs);
    expect(first).toBeGreaterThan(quick.backoffBaseMs / 2);
    await new Promise((r) => setTimeout(r, first + 50));
    // The next failure doubles the wait.
    expect(await checkCredentials(user.username, "wrong", null, { policy: quick })).toEqual({ ok: false, reason: "invalid" });
    const second = await waitLeftMs(user.username);
    expect(second).toBeLessThanOrEqual(2 * quick.backoffBaseMs);
    expect(second).toBeGreaterThan(1.5 * quick.backoffBaseMs);
    await new Promise((r) => setTimeout(r, second + 50));
    const signedIn = await checkCredentials(user.username, "backoff-pass-1", null, { policy: quick });
    expect(signedIn.ok).toBe(true);
    // Success clears the account's failures.
    expect(await limitRow(user.username)).toBeNull();
  }, 60_000);

  it("forgets attempts once their window has passed, and deletes the expired rows", async () => {
    const { user } = await createUser({ username: unique("fresh"), role: "analyst", password: "fresh-pass-1" }, SYSTEM);
    await db.signInLimit.create({ data: { key: `account:${user.username}`, attempts: 99, windowEndsAt: new Date(Date.now() - 1000), blockedUntil: new Date(Date.now() + 60_000) } });
    expect(await checkCredentials(user.username, "wrong", null)).toEqual({ ok: false, reason: "invalid" });
    expect((await limitRow(user.username))?.attempts).toBe(1);
    // Made after the sign-in, which may itself sweep (once a minute); any process's sweep removes it.
    const stale = `account:${unique("stale")}`;
    await db.signInLimit.create({ data: { key: stale, attempts: 99, windowEndsAt: new Date(Date.now() - 1000), blockedUntil: new Date(Date.now() + 60_000) } });
    await sweepExpiredLimits();
    expect(await db.signInLimit.findUnique({ where: { key: stale } })).toBeNull();
  });


  it("signs in with a hash made at the old scrypt cost and upgrades it", async () => {
    const { user } = await createUser({ username: unique("oldhash"), role: "analyst", password: "placeholder-1" }, SYSTEM);
    const old = await hashPassword("old-pass-123", { N: 1 << 15, r: 8, p: 1 });
    await db.user.update({ where: { id: user.id }, data: { passwordHash: old } });
    expect((await checkCredentials(user.username, "old-pass-123", null)).ok).toBe(true);
    const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(passwordHash).not.toBe(old);
    expect(passwordHash!.split("$")[1]).toBe(String(SCRYPT_COST.N));
    expect(await verifyPassword("old-pass-123", passwordHash)).toBe(true);
  });
});

describe("sessions", () => {
  it("expire: an expired session is refused and removed", async () => {
    const { user } = await createUser({ username: unique("short"), role: "observer", password: "short-pass-1" }, SYSTEM);
    const live = await createSession(user.id, 3600, {});
    expect((await loadSession(live))?.username).toBe(user.username);
    const expired = await createSession(user.id, 3600, {});
    await db.session.update({ where: { id: expired }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await loadSession(expired)).toBeNull();
    expect(await db.session.findUnique({ where: { id: expired } })).toBeNull();
  });
});
