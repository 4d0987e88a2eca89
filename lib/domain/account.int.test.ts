import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { verifyPassword } from "../auth/password";
import { createSession } from "../auth/sessions";
import { passwordChangeSchema, passwordResetSchema, timeZoneSchema } from "../schemas/users";
import { changeOwnPassword, setTimeZone } from "./account";
import type { Actor } from "./actor";
import { createUser, resetUserPassword } from "./users";

const admin: Actor = { id: null, name: "account-test-admin", role: "administrator" };
const makeUser = async (role: "analyst" | "automation" = "analyst") => {
  const username = `acct-${Math.random().toString(36).slice(2, 8)}`;
  const { user } = await createUser({ username, role, password: role === "automation" ? undefined : "first-pass-1" }, admin);
  return { ...user, actor: { id: user.id, name: user.username, role: user.role } as Actor };
};
const sessionsOf = async (userId: number) => (await db.session.findMany({ where: { userId }, select: { id: true } })).map((s) => s.id).sort();
const auditOf = (userId: number, action: string) => db.auditLog.findMany({ where: { objectType: "user", objectId: String(userId), action }, orderBy: { id: "asc" } });

describe("own account: password and time zone", () => {
  it("changes the password only with the current one, ending the other sessions and keeping this one", async () => {
    const u = await makeUser();
    const here = await createSession(u.id, 3600, {});
    const elsewhere = await createSession(u.id, 3600, {});

    await expect(changeOwnPassword(u.id, { current: "wrong-pass-1", password: "second-pass-2" }, here, u.actor)).rejects.toThrow(/current password is not right/);
    expect(await sessionsOf(u.id)).toEqual([here, elsewhere].sort());

    expect(await changeOwnPassword(u.id, { current: "first-pass-1", password: "second-pass-2" }, here, u.actor)).toEqual({ sessionsEnded: 1 });
    expect(await sessionsOf(u.id)).toEqual([here]);
    const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(await verifyPassword("second-pass-2", passwordHash)).toBe(true);
    expect(await verifyPassword("first-pass-1", passwordHash)).toBe(false);
    const [row] = await auditOf(u.id, "user.password.change");
    expect(row).toMatchObject({ actorId: u.id, detail: { sessionsEnded: 1 } });
  });

  it("lets an administrator reset a password, generated or typed, ending all of the user's sessions", async () => {
    const u = await makeUser();
    await createSession(u.id, 3600, {});
    await createSession(u.id, 3600, {});

    const generated = await resetUserPassword(u.id, undefined, admin);
    expect(generated.password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(await sessionsOf(u.id)).toEqual([]);
    let { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(await verifyPassword(generated.password!, passwordHash)).toBe(true);

    expect((await resetUserPassword(u.id, "typed-pass-3", admin)).password).toBeNull();
    ({ passwordHash } = await db.user.findUniqueOrThrow({ where: { id: u.id } }));
    expect(await verifyPassword("typed-pass-3", passwordHash)).toBe(true);
    const rows = await auditOf(u.id, "user.password.reset");
    expect(rows.map((r) => (r.detail as { generated: boolean }).generated)).toEqual([true, false]);
    expect(rows[0]).toMatchObject({ actorName: admin.name, detail: { sessionsEnded: 2 } });

    const bot = await makeUser("automation");
    await expect(resetUserPassword(bot.id, undefined, admin)).rejects.toThrow(/API tokens only/);
    await expect(resetUserPassword(2_000_000_000, undefined, admin)).rejects.toThrow(/does not exist/);
  });

  it("keeps a time zone from the IANA list and refuses anything else", async () => {
    const u = await makeUser();
    expect(u.timeZone).toBe("UTC");
    await expect(setTimeZone(u.id, "Mars/Olympus", u.actor)).rejects.toThrow(/unknown time zone/);
    await setTimeZone(u.id, "Asia/Tokyo", u.actor);
    await setTimeZone(u.id, "Asia/Tokyo", u.actor); // unchanged: no second audit row
    expect((await db.user.findUniqueOrThrow({ where: { id: u.id } })).timeZone).toBe("Asia/Tokyo");
    const rows = await auditOf(u.id, "user.time_zone");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.detail).toEqual({ from: "UTC", to: "Asia/Tokyo" });
  });

  it("parses the forms' input with clear messages", () => {
    const issue = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues[0]?.message;
    expect(issue(timeZoneSchema.safeParse({ timeZone: "Nowhere" }))).toMatch(/choose a time zone/);
    expect(timeZoneSchema.parse({ timeZone: "UTC" })).toEqual({ timeZone: "UTC" });
    expect(issue(passwordChangeSchema.safeParse({ current: "a", password: "short", confirm: "short" }))).toMatch(/at least 8/);
    expect(issue(passwordChangeSchema.safeParse({ current: "a", password: "long-enough-1", confirm: "long-enough-2" }))).toMatch(/differ/);
    expect(issue(passwordChangeSchema.safeParse({ current: "same-pass-1", password: "same-pass-1", confirm: "same-pass-1" }))).toMatch(/must differ/);
    expect(passwordResetSchema.parse({ userId: "3", password: "" })).toEqual({ userId: 3, password: undefined });
    expect(issue(passwordResetSchema.safeParse({ userId: 3, password: "short" }))).toMatch(/at least 8/);
  });
});
