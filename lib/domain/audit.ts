// The audit trail: append-only (a trigger refuses UPDATE and DELETE) and hash-chained, each row's
// hash covering the previous row's, so a removed or edited row breaks the chain visibly.
import { createHash } from "node:crypto";
import type { Prisma } from "@prisma/client";
import type { Tx } from "../db/client";
import type { Actor } from "./actor";

export interface AuditEntry {
  action: string;
  objectType: string;
  objectId?: string | number | null;
  containerId?: number | null;
  detail?: Prisma.InputJsonObject;
}

// Any constant key: it only serialises writers of the chain, not readers.
const CHAIN_LOCK = 7_001_001;
const GENESIS = "0".repeat(64);

/** JSON with object keys sorted, because jsonb does not keep the order they were written in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export function auditHash(prevHash: string, row: Record<string, unknown>): string {
  return createHash("sha256").update(prevHash).update(canonicalJson(row)).digest("hex");
}

/** Appends one audit row inside the caller's transaction. */
export async function appendAudit(tx: Tx, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.$executeRaw`select pg_advisory_xact_lock(${CHAIN_LOCK})`;
  const last = await tx.auditLog.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS;
  const row = {
    at: new Date().toISOString(),
    actorId: actor.id,
    actorName: actor.name,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId == null ? null : String(entry.objectId),
    containerId: entry.containerId ?? null,
    detail: entry.detail ?? {},
  };
  await tx.auditLog.create({ data: { ...row, at: new Date(row.at), prevHash, hash: auditHash(prevHash, row) } });
}

/** Recomputes the chain; returns the id of the first row that does not match, or null. */
export async function verifyAuditChain(tx: Tx): Promise<bigint | null> {
  let prevHash = GENESIS;
  const rows = await tx.auditLog.findMany({ orderBy: { id: "asc" } });
  for (const r of rows) {
    const row = {
      at: r.at.toISOString(), actorId: r.actorId, actorName: r.actorName, action: r.action,
      objectType: r.objectType, objectId: r.objectId, containerId: r.containerId, detail: r.detail,
    };
    if (r.prevHash !== prevHash || auditHash(prevHash, row) !== r.hash) return r.id;
    prevHash = r.hash;
  }
  return null;
}
