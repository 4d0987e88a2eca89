import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { SYSTEM } from "../domain/actor";
import { createUser } from "../domain/users";
import { createSession, loadSession } from "./sessions";
import { checkCredentials, LIMITS } from "./sign-in";

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
    expect(await checkCredentials(user.username, "victim-pass-1", address)).toEqual({ ok: false, reason: "rate_limited" });
    const elsewhere = await checkCredentials(user.username, "victim-pass-1", "192.0.2.77");
    expect(elsewhere.ok).toBe(true);
  });

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
