// API tokens for the REST API (`ph-auth-token` header). The plaintext is shown once; only its
// SHA-256 is stored, so a database leak does not leak working tokens.
import { createHash, randomBytes } from "node:crypto";
import { db } from "../db/client";
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
}

export async function createApiToken(
  userId: number,
  name: string,
  actor: Actor,
): Promise<{ token: string; summary: TokenSummary }> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, username: true, disabled: true } });
  if (!user) throw new DomainError("not_found", `user ${userId} does not exist`);
  if (user.disabled) throw new DomainError("conflict", `user "${user.username}" is disabled`);
  const token = "vgl_" + randomBytes(32).toString("base64url");
  const prefix = token.slice(0, 10);
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({ data: { userId, name, prefix, tokenHash: hashToken(token) } });
    await appendAudit(tx, actor, {
      action: "token.create", objectType: "api_token", objectId: created.id, detail: { user: user.username, name },
    });
    return created;
  });
  return { token, summary: { ...row, username: user.username } };
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

/** Resolves a presented token to its user, or null when it is unknown, revoked or disabled. */
export async function authenticateApiToken(token: string): Promise<TokenIdentity | null> {
  if (!token || token.length > 200) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { select: { id: true, username: true, role: true, disabled: true } } },
  });
  if (!row || row.revokedAt || row.user.disabled) return null;
  // Recording every use would turn each read into a write; once a minute is enough to audit.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return { userId: row.user.id, username: row.user.username, role: row.user.role };
}
