// Short-lived REST credentials for a playbook run: phantom.requests in a SOAR Python playbook
// reaches Vigil's own REST API as the run's user (lib/engine/python/rest-bridge.ts). The token is
// signed (HMAC-SHA256 under a key derived from the asset-secret keyring, which every node of a
// cluster shares), not stored: a run may call the API many times a second and a row per run would
// only pile up. It names the user and the run and lasts minutes; the user is re-read on every
// request, so a disabled user's runs lose access at once.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Role } from "../auth/permissions";
import { sql } from "../db/sql";
import { loadKeyring } from "../secrets";

export const RUN_TOKEN_PREFIX = "vgr_";
const TTL_MS = 5 * 60_000;

export interface RunIdentity { userId: number | null; username: string; role: Role; runId: number }
interface Claims { v: number; u: number | null; n: string; r: number; e: number }

function sign(version: number, payload: string): Buffer {
  const key = loadKeyring().versions.get(version);
  if (!key) return Buffer.alloc(0);
  // A key of its own: a run token's MAC is never usable as anything the secret key seals.
  const sub = createHmac("sha256", key).update("vigil playbook run token").digest();
  return createHmac("sha256", sub).update(payload).digest();
}

/** A token for `identity` (the run's user, or the automation account for runs no user started). */
export function mintRunToken(identity: Omit<RunIdentity, "role">, now = Date.now()): string {
  const version = loadKeyring().current;
  const claims: Claims = { v: version, u: identity.userId, n: identity.username, r: identity.runId, e: now + TTL_MS };
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${RUN_TOKEN_PREFIX}${payload}.${sign(version, payload).toString("base64url")}`;
}

/** The identity a run token stands for, or why it is refused. */
export async function verifyRunToken(token: string): Promise<{ ok: true; identity: RunIdentity } | { ok: false; reason: "invalid" | "expired" }> {
  const [payload = "", mac = ""] = token.slice(RUN_TOKEN_PREFIX.length).split(".");
  let claims: Claims;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Claims;
  } catch {
    return { ok: false, reason: "invalid" };
  }
  const want = sign(Number(claims.v), payload);
  const got = Buffer.from(mac, "base64url");
  if (want.length === 0 || got.length !== want.length || !timingSafeEqual(got, want)) return { ok: false, reason: "invalid" };
  if (!(Number(claims.e) > Date.now())) return { ok: false, reason: "expired" };
  if (claims.u === null) return { ok: true, identity: { userId: null, username: claims.n, role: "automation", runId: claims.r } };
  const [user] = await sql<{ username: string; role: Role; disabled: boolean }>("vigil_run_token_user",
    "select username, role::text as role, disabled from users where id = $1", [claims.u]);
  if (!user || user.disabled) return { ok: false, reason: "invalid" };
  return { ok: true, identity: { userId: claims.u, username: user.username, role: user.role, runId: claims.r } };
}
