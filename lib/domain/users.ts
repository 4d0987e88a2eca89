// Users: local accounts with a role. Every change writes its audit row in the same transaction.
import type { User } from "@prisma/client";
import { db } from "../db/client";
import { generatePassword, hashPassword } from "../auth/password";
import type { Role } from "../auth/permissions";
import type { Actor } from "./actor";
import { appendAudit } from "./audit";
import { DomainError } from "./errors";

export type PublicUser = Omit<User, "passwordHash" | "emailOptOut">;

const publicFields = {
  id: true, username: true, name: true, email: true, role: true, disabled: true,
  createdAt: true, updatedAt: true, lastLoginAt: true, timeZone: true, managerId: true,
} as const;

/**
 * SOAR's automation user (migration 20261205100000_automation_user): runs nobody started act as
 * it. It is an ordinary row with the automation role, so an administrator sees it, may give it
 * API tokens or disable it, and the audit names it.
 */
export const AUTOMATION_USERNAME = "automation";

export interface NewUser {
  /** An id of its own (the first administrator takes SOAR's id 1 when it is free). */
  id?: number;
  username: string;
  name?: string;
  email?: string | null;
  role: Role;
  password?: string;
}

/** Creates a user; when no password is given one is generated and returned once. */
export async function createUser(input: NewUser, actor: Actor): Promise<{ user: PublicUser; password: string | null }> {
  // Automation accounts authenticate with API tokens only.
  const password = input.role === "automation" ? input.password ?? null : input.password ?? generatePassword();
  const passwordHash = password ? await hashPassword(password) : null;
  const existing = await db.user.findUnique({ where: { username: input.username }, select: { id: true } });
  if (existing) throw new DomainError("conflict", `a user named "${input.username}" already exists`, "username");
  const user = await db.$transaction(async (tx) => {
    const created = await tx.user.create({
      data: { ...(input.id ? { id: input.id } : {}), username: input.username, name: input.name ?? "", email: input.email ?? null, role: input.role, passwordHash },
      select: publicFields,
    });
    await appendAudit(tx, actor, {
      action: "user.create", objectType: "user", objectId: created.id,
      detail: { username: created.username, role: created.role },
    });
    return created;
  });
  return { user, password: input.password ? null : password };
}

export async function listUsers(): Promise<PublicUser[]> {
  return db.user.findMany({ orderBy: { username: "asc" }, select: publicFields });
}

export async function findUserByName(username: string): Promise<PublicUser | null> {
  return db.user.findUnique({ where: { username }, select: publicFields });
}

export async function getUser(id: number): Promise<PublicUser> {
  const user = await db.user.findUnique({ where: { id }, select: publicFields });
  if (!user) throw new DomainError("not_found", `user ${id} does not exist`);
  return user;
}

/** People and accounts someone created: the built-in automation user does not count. */
export async function countUsers(): Promise<number> {
  return db.user.count({ where: { NOT: { username: AUTOMATION_USERNAME, role: "automation", passwordHash: null } } });
}

async function requireUser(id: number): Promise<PublicUser> {
  const user = await db.user.findUnique({ where: { id }, select: publicFields });
  if (!user) throw new DomainError("not_found", `user ${id} does not exist`);
  return user;
}

/** Refuses changes that would leave Vigil without an enabled administrator. */
async function assertAnotherAdmin(user: PublicUser): Promise<void> {
  if (user.role !== "administrator" || user.disabled) return;
  const others = await db.user.count({ where: { role: "administrator", disabled: false, id: { not: user.id } } });
  if (others === 0) throw new DomainError("conflict", "Vigil needs at least one enabled administrator");
}

export async function setUserRole(id: number, role: Role, actor: Actor): Promise<PublicUser> {
  const user = await requireUser(id);
  if (user.role === role) return user;
  if (role !== "administrator") await assertAnotherAdmin(user);
  return db.$transaction(async (tx) => {
    const updated = await tx.user.update({ where: { id }, data: { role }, select: publicFields });
    await appendAudit(tx, actor, {
      action: "user.role", objectType: "user", objectId: id, detail: { from: user.role, to: role },
    });
    return updated;
  });
}

/** Disabling ends the user's sessions at once; their API tokens stop working too. */
export async function setUserDisabled(id: number, disabled: boolean, actor: Actor): Promise<PublicUser> {
  const user = await requireUser(id);
  if (user.disabled === disabled) return user;
  if (disabled) {
    if (actor.id === id) throw new DomainError("conflict", "you cannot disable your own account");
    await assertAnotherAdmin(user);
  }
  return db.$transaction(async (tx) => {
    const updated = await tx.user.update({ where: { id }, data: { disabled }, select: publicFields });
    if (disabled) await tx.session.deleteMany({ where: { userId: id } });
    await appendAudit(tx, actor, { action: disabled ? "user.disable" : "user.enable", objectType: "user", objectId: id });
    return updated;
  });
}

/**
 * An administrator sets a new password for a user (typed, or generated and returned once) and
 * ends all of that user's sessions, so whoever held the old password is signed out at once.
 */
export async function resetUserPassword(id: number, typed: string | undefined, actor: Actor): Promise<{ username: string; password: string | null }> {
  const user = await requireUser(id);
  if (user.role === "automation") throw new DomainError("invalid", "automation accounts sign in with API tokens only, not passwords");
  const password = typed ?? generatePassword();
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id }, data: { passwordHash } });
    const ended = await tx.session.deleteMany({ where: { userId: id } });
    await appendAudit(tx, actor, {
      action: "user.password.reset", objectType: "user", objectId: id,
      detail: { username: user.username, generated: !typed, sessionsEnded: ended.count },
    });
  });
  return { username: user.username, password: typed ? null : password };
}

export async function setUserPassword(id: number, password: string, actor: Actor): Promise<void> {
  await requireUser(id);
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id }, data: { passwordHash } });
    await appendAudit(tx, actor, { action: "user.password", objectType: "user", objectId: id });
  });
}
