// Checks a username and password, with failed attempts rate-limited per account and per
// address. Failures are kept in PostgreSQL so every node of a cluster sees the same count.
import { db } from "../db/client";
import { appendAudit } from "../domain/audit";
import { SYSTEM } from "../domain/actor";
import { verifyPassword } from "./password";
import type { Role } from "./permissions";

export const LIMITS = {
  windowMs: 15 * 60 * 1000,
  perAccount: 5,
  perAddress: 20,
};

export type SignInResult =
  | { ok: true; user: { id: number; username: string; role: Role } }
  | { ok: false; reason: "invalid" | "rate_limited" };

function keys(username: string, address: string | null): { account: string; address: string | null } {
  return { account: `account:${username.toLowerCase()}`, address: address ? `address:${address}` : null };
}

async function failuresSince(key: string, since: Date): Promise<number> {
  return db.signInFailure.count({ where: { key, at: { gte: since } } });
}

export async function checkCredentials(username: string, password: string, address: string | null): Promise<SignInResult> {
  const k = keys(username, address);
  const since = new Date(Date.now() - LIMITS.windowMs);
  const [byAccount, byAddress] = await Promise.all([
    failuresSince(k.account, since),
    k.address ? failuresSince(k.address, since) : Promise.resolve(0),
  ]);
  if (byAccount >= LIMITS.perAccount || byAddress >= LIMITS.perAddress) return { ok: false, reason: "rate_limited" };

  const user = await db.user.findUnique({ where: { username } });
  const valid = await verifyPassword(password, user?.passwordHash);
  if (!user || !valid || user.disabled || user.role === "automation") {
    await db.signInFailure.createMany({ data: [k.account, k.address].filter((x): x is string => !!x).map((key) => ({ key })) });
    await db.$transaction((tx) =>
      appendAudit(tx, SYSTEM, {
        action: "auth.sign_in_failed", objectType: "user", objectId: user?.id ?? null,
        detail: { username, address },
      }),
    );
    return { ok: false, reason: "invalid" };
  }
  await db.$transaction(async (tx) => {
    await tx.signInFailure.deleteMany({ where: { key: k.account } });
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    await appendAudit(tx, { id: user.id, name: user.username, role: user.role }, {
      action: "auth.sign_in", objectType: "user", objectId: user.id, detail: { address },
    });
  });
  return { ok: true, user: { id: user.id, username: user.username, role: user.role } };
}
