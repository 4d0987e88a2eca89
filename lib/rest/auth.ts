// Who is calling the REST API: a `ph-auth-token` header (tokens from `vigil token create`), the
// same token as the password of HTTP Basic with an empty user name (`curl -u ":<token>"`, how
// SOAR documents tokens embedded in a URL), or HTTP Basic with a user's password, as Phantom
// accepts all three. Basic passwords go through the sign-in page's own check and limits
// (lib/auth/sign-in.ts), so failures here and there count against the same account. Successes
// write no audit row (a script may call thousands of times a minute), and a verified password
// is remembered briefly so scrypt does not run on every request.
import { createHash } from "node:crypto";
import { db } from "../db/client";
import type { Role } from "../auth/permissions";
import { checkCredentials } from "../auth/sign-in";
import { retryPhrase } from "../auth/sign-in-limits";
import { authenticateApiToken } from "../domain/api-tokens";
import { RUN_TOKEN_PREFIX, verifyRunToken } from "./run-token";

export interface Caller {
  /** Null for a playbook run that no user started (it acts as the automation account). */
  userId: number | null;
  username: string;
  role: Role;
  via: "token" | "basic" | "run";
}

export type AuthResult =
  | { ok: true; caller: Caller }
  | { ok: false; status: 401 | 429; message: string; retryAfterSeconds?: number };

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
  if (colon < 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** A password this process verified a moment ago for an active account: no hash, no limit. */
async function rememberedCaller(username: string, password: string): Promise<Caller | null> {
  const user = await db.user.findUnique({ where: { username }, select: { id: true, username: true, role: true, disabled: true, passwordHash: true } });
  if (!user?.passwordHash || user.disabled || user.role === "automation") return null;
  const at = verified.get(verifiedKey(username, password, user.passwordHash));
  if (at === undefined || Date.now() - at >= VERIFIED_TTL_MS) return null;
  return { userId: user.id, username: user.username, role: user.role, via: "basic" };
}

async function basicAuth(username: string, password: string, address: string | null): Promise<AuthResult> {
  const remembered = await rememberedCaller(username, password);
  if (remembered) return { ok: true, caller: remembered };
  const result = await checkCredentials(username, password, address, { channel: "basic" });
  if (!result.ok) {
    if (result.reason === "invalid") return { ok: false, status: 401, message: "invalid username or password" };
    const wait = result.retryAfterSeconds;
    return { ok: false, status: 429, retryAfterSeconds: wait, message: `too many failed sign-ins: try again ${retryPhrase(wait)}` };
  }
  const { id, username: name, role, passwordHash } = result.value;
  if (verified.size > 10_000) verified.clear();
  verified.set(verifiedKey(username, password, passwordHash), Date.now());
  return { ok: true, caller: { userId: id, username: name, role, via: "basic" } };
}

async function tokenAuth(token: string): Promise<AuthResult> {
  if (token.startsWith(RUN_TOKEN_PREFIX)) {
    const run = await verifyRunToken(token);
    if (!run.ok) return { ok: false, status: 401, message: run.reason === "expired" ? "playbook run token expired" : "invalid playbook run token" };
    const { runId: _run, ...identity } = run.identity;
    return { ok: true, caller: { ...identity, via: "run" } };
  }
  const check = await authenticateApiToken(token);
  if (!check.ok) return { ok: false, status: 401, message: check.reason === "expired" ? "API token expired" : "invalid or revoked API token" };
  return { ok: true, caller: { ...check.identity, via: "token" } };
}

export async function authenticateRest(request: Request): Promise<AuthResult> {
  const token = request.headers.get("ph-auth-token");
  if (token) return tokenAuth(token);
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const basic = parseBasic(authorization);
    if (!basic) return { ok: false, status: 401, message: "unsupported Authorization header: use Basic or the ph-auth-token header" };
    if (basic.username === "") {
      if (!basic.password) return { ok: false, status: 401, message: "empty HTTP Basic credentials: send a user name and password, or an API token as the password" };
      return tokenAuth(basic.password);
    }
    return basicAuth(basic.username, basic.password, request.headers.get("x-vigil-client-address") || null);
  }
  return { ok: false, status: 401, message: "authentication required: send an API token in the ph-auth-token header" };
}
