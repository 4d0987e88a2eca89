// Checks a username and password for the sign-in page and for REST HTTP Basic, under the one
// set of failed-sign-in limits (./sign-in-limits.ts), so both count against the same account.
import { db } from "../db/client";
import { appendAudit } from "../domain/audit";
import { SYSTEM } from "../domain/actor";
import { hashPassword, needsRehash, verifyPassword } from "./password";
import type { Role } from "./permissions";
import { LIMITS, withSignInLimit, type LimitedResult, type LimitPolicy } from "./sign-in-limits";

export { LIMITS };

export interface SignedInUser {
  id: number;
  username: string;
  role: Role;
  /** The stored hash after this sign-in (rehashed when it was made with an older cost). */
  passwordHash: string;
}

export type SignInResult = LimitedResult<SignedInUser>;

export interface CheckOptions {
  /** "console" writes audit rows and the last sign-in time; "basic" (a REST call) does not. */
  channel?: "console" | "basic";
  policy?: LimitPolicy;
}

/** Replaces a hash made with an older scrypt cost; skipped if the password changed meanwhile. */
async function upgradeHash(userId: number, password: string, stored: string): Promise<string> {
  if (!needsRehash(stored)) return stored;
  const fresh = await hashPassword(password);
  const { count } = await db.user.updateMany({ where: { id: userId, passwordHash: stored }, data: { passwordHash: fresh } });
  return count ? fresh : stored;
}

export async function checkCredentials(
  username: string,
  password: string,
  address: string | null,
  opts: CheckOptions = {},
): Promise<SignInResult> {
  const channel = opts.channel ?? "console";
  const result = await withSignInLimit(username, address, async () => {
    const user = await db.user.findUnique({ where: { username } });
    const valid = await verifyPassword(password, user?.passwordHash);
    // Automation accounts use API tokens only, in the browser and over Basic alike.
    if (!user?.passwordHash || !valid || user.disabled || user.role === "automation") {
      if (channel === "console") {
        await db.$transaction((tx) =>
          appendAudit(tx, SYSTEM, {
            action: "auth.sign_in_failed", objectType: "user", objectId: user?.id ?? null,
            detail: { username, address },
          }),
        );
      }
      return null;
    }
    const passwordHash = await upgradeHash(user.id, password, user.passwordHash);
    return { id: user.id, username: user.username, role: user.role, passwordHash };
  }, opts.policy ?? LIMITS);
  if (result.ok && channel === "console") {
    const user = result.value;
    await db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
      await appendAudit(tx, { id: user.id, name: user.username, role: user.role }, {
        action: "auth.sign_in", objectType: "user", objectId: user.id, detail: { address },
      });
    });
  }
  return result;
}
