// What a signed-in user changes on their own account (/account): their password and the time
// zone the console shows times in. Each change writes its audit row in the same transaction.
import { db } from "../db/client";
import { hashPassword, verifyPassword } from "../auth/password";
import { isTimeZone } from "../time";
import type { Actor } from "./actor";
import { appendAudit } from "./audit";
import { DomainError } from "./errors";

/**
 * Changes the user's own password after checking the current one, and ends every other session
 * of theirs (a stolen session dies with the old password) while `keepSessionId` stays signed in.
 */
export async function changeOwnPassword(
  userId: number,
  input: { current: string; password: string },
  keepSessionId: string,
  actor: Actor,
): Promise<{ sessionsEnded: number }> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user) throw new DomainError("not_found", `user ${userId} does not exist`);
  if (!(await verifyPassword(input.current, user.passwordHash))) {
    throw new DomainError("invalid", "the current password is not right", "current");
  }
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    const ended = await tx.session.deleteMany({ where: { userId, id: { not: keepSessionId } } });
    await appendAudit(tx, actor, {
      action: "user.password.change", objectType: "user", objectId: userId, detail: { sessionsEnded: ended.count },
    });
    return { sessionsEnded: ended.count };
  });
}

export async function setTimeZone(userId: number, timeZone: string, actor: Actor): Promise<void> {
  if (!isTimeZone(timeZone)) throw new DomainError("invalid", `unknown time zone "${timeZone}"`, "timeZone");
  await db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: { timeZone: true } });
    if (!before) throw new DomainError("not_found", `user ${userId} does not exist`);
    if (before.timeZone === timeZone) return;
    await tx.user.update({ where: { id: userId }, data: { timeZone } });
    await appendAudit(tx, actor, { action: "user.time_zone", objectType: "user", objectId: userId, detail: { from: before.timeZone, to: timeZone } });
  });
}
