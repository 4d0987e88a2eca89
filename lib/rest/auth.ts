// Who is calling the REST API: a `ph-auth-token` header (tokens from `vigil token create`) or
// HTTP Basic with a user's password, as Phantom accepts both. Basic failures are rate-limited
// per account and per address with the same limits and table as the sign-in page; successes
// write no audit row (a script may call thousands of times a minute), and a verified password
// is remembered briefly so scrypt does not run on every request.
import { createHash } from "node:crypto";
import { db } from "../db/client";
import { verifyPassword } from "../auth/password";
import type { Role } from "../auth/permissions";
import { LIMITS } from "../auth/sign-in";
import { authenticateApiToken } from "../domain/api-tokens";

export interface Caller {
  userId: number;
  username: string;
  role: Role;
  via: "token" | "basic";
}

export type AuthResult = { ok: true; caller: Caller } | { ok: false; status: 401 | 429; message: string };

const VERIFIED_TTL_MS = 5 * 60_000;
// Keyed by a hash of username, password and the stored hash: a password change or a new
// password invalidates the entry by construction.
const verified = new Map<string, number>();

function verifiedKey(username: string, password: string, stored: string): string {
  return createHash("sha256").update(`${username}\u0000${password}\u0000${stored}`).digest("hex");
}

function parseBasic(header: string): { username: string; password: string } | null {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

async function basicAuth(username: string, password: string, address: string | null): Promise<AuthResult> {
  const keys = [`account:${username.toLowerCase()}`, ...(address ? [`address:${address}`] : [])];
  const since = new Date(Date.now() - LIMITS.windowMs);
  const [byAccount, byAddress] = await Promise.all(keys.map((key) => db.signInFailure.count({ where: { key, at: { gte: since } } })));
  if ((byAccount ?? 0) >= LIMITS.perAccount || (byAddress ?? 0) >= LIMITS.perAddress) {
    return { ok: false, status: 429, message: "too many failed sign-ins: try again later" };
  }
  const user = await db.user.findUnique({ where: { username }, select: { id: true, username: true, role: true, disabled: true, passwordHash: true } });
  const key = user?.passwordHash ? verifiedKey(username, password, user.passwordHash) : "";
  const cachedAt = key ? verified.get(key) : undefined;
  const valid = cachedAt !== undefined && Date.now() - cachedAt < VERIFIED_TTL_MS ? true : await verifyPassword(password, user?.passwordHash);
  // Automation accounts use tokens only, as on the sign-in page.
  if (!user || !valid || user.disabled || user.role === "automation") {
    await db.signInFailure.createMany({ data: keys.map((k) => ({ key: k })) });
    return { ok: false, status: 401, message: "invalid username or password" };
  }
  if (verified.size > 10_000) verified.clear();
  verified.set(key, Date.now());
  return { ok: true, caller: { userId: user.id, username: user.username, role: user.role, via: "basic" } };
}

export async function authenticateRest(request: Request): Promise<AuthResult> {
  const token = request.headers.get("ph-auth-token");
  if (token) {
    const identity = await authenticateApiToken(token);
    if (!identity) return { ok: false, status: 401, message: "invalid or revoked API token" };
    return { ok: true, caller: { ...identity, via: "token" } };
  }
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const basic = parseBasic(authorization);
    if (!basic) return { ok: false, status: 401, message: "unsupported Authorization header: use Basic or the ph-auth-token header" };
    return basicAuth(basic.username, basic.password, request.headers.get("x-vigil-client-address") || null);
  }
  return { ok: false, status: 401, message: "authentication required: send an API token in the ph-auth-token header" };
}
