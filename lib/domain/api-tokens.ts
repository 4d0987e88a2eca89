// API tokens for the REST API (`ph-auth-token` header). The plaintext is shown once; only its
// SHA-256 is stored, so a database leak does not leak working tokens.
import { createHash, randomBytes } from "node:crypto";
import { db } from "../db/client";
import { sql } from "../db/sql";
import type { Role } from "../auth/permissions";
import type { Actor } from "./actor";
import { appendAudit } from "./audit";
import { DomainError } from "./errors";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface TokenSummary {
  id: number;
  userId: number;
  username: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date | null;
}

export async function createApiToken(
  userId: number,
  name: string,
  actor: Actor,
  opts: { expiresDays?: number } = {},
): Promise<{ token: string; summary: TokenSummary }> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, username: true, disabled: true } });
  if (!user) throw new DomainError("not_found", `user ${userId} does not exist`);
  if (user.disabled) throw new DomainError("conflict", `user "${user.username}" is disabled`);
  const token = "vgl_" + randomBytes(32).toString("base64url");
  const prefix = token.slice(0, 10);
  const expiresAt = opts.expiresDays ? new Date(Date.now() + opts.expiresDays * 86_400_000) : null;
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({ data: { userId, name, prefix, tokenHash: hashToken(token), expiresAt } });
    await appendAudit(tx, actor, {
      action: "token.create", objectType: "api_token", objectId: created.id,
      detail: { user: user.username, name, expires_at: expiresAt?.toISOString() ?? null },
    });
    return created;
  });
  const { tokenHash: _hash, ...summary } = row;
  return { token, summary: { ...summary, username: user.username } };
}

export async function listApiTokens(): Promise<TokenSummary[]> {
  const rows = await db.apiToken.findMany({ orderBy: { createdAt: "desc" }, include: { user: { select: { username: true } } } });
  return rows.map(({ user, tokenHash: _hash, ...t }) => ({ ...t, username: user.username }));
}

export async function revokeApiToken(id: number, actor: Actor): Promise<void> {
  const token = await db.apiToken.findUnique({ where: { id } });
  if (!token) throw new DomainError("not_found", `API token ${id} does not exist`);
  if (token.revokedAt) return;
  await db.$transaction(async (tx) => {
    await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await appendAudit(tx, actor, { action: "token.revoke", objectType: "api_token", objectId: id });
  });
}

export interface TokenIdentity {
  userId: number;
  username: string;
  role: Role;
}

export type TokenCheck = { ok: true; identity: TokenIdentity } | { ok: false; reason: "invalid" | "expired" };

/**
 * Resolves a presented token to its user; refuses unknown, revoked and expired tokens and
 * disabled users. Every REST request runs this, so it is one plain SQL query rather than a
 * Prisma call (see lib/db/sql.ts).
 */
export async function authenticateApiToken(token: string): Promise<TokenCheck> {
  if (!token || token.length > 200) return { ok: false, reason: "invalid" };
  const [row] = await sql<{ id: number; revoked: boolean; expired: boolean; stale: boolean; userId: number; username: string; role: Role; disabled: boolean }>(
    "vigil_token",
    `select t.id, t.revoked_at is not null as revoked,
       coalesce(t.expires_at <= (now() at time zone 'utc'), false) as expired,
       (t.last_used_at is null or t.last_used_at < (now() at time zone 'utc') - interval '1 minute') as stale,
       u.id as "userId", u.username, u.role::text as role, u.disabled
     from api_tokens t join users u on u.id = t.user_id where t.token_hash = $1`,
    [hashToken(token)],
  );
  if (!row || row.revoked || row.disabled) return { ok: false, reason: "invalid" };
  if (row.expired) return { ok: false, reason: "expired" };
  // Recording every use would turn each read into a write; once a minute is enough to audit.
  if (row.stale) await sql("update api_tokens set last_used_at = (now() at time zone 'utc') where id = $1", [row.id]);
  return { ok: true, identity: { userId: row.userId, username: row.username, role: row.role } };
}
