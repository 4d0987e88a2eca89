// The audit trail: append-only (a trigger refuses UPDATE and DELETE) and hash-chained, each row's
// hash covering the previous row's, so a removed or edited row breaks the chain visibly.
// There is one chain per container ("container:<id>") and one "global" chain for everything
// else: a single chain would make every ingesting transaction wait for the one before it to
// commit, which caps ingestion far below 300 containers/s. Rows written before this split all
// sit on the global chain, which is why the chain is a stored column and not derived.
// Each chain's head is also anchored outside the table's reach (./audit-anchor.ts), and
// `vigil audit verify` (./audit-verify.ts) checks both.
import { createHash } from "node:crypto";
import type { Prisma } from "@prisma/client";
import type { Tx } from "../db/client";
import type { Actor } from "./actor";
import { ANCHOR_UPSERT, auditKey, headMac } from "./audit-anchor";

export interface AuditEntry {
  action: string;
  objectType: string;
  objectId?: string | number | null;
  containerId?: number | null;
  detail?: Prisma.InputJsonObject;
}

// Any constant key: with the chain's hashtext it serialises writers of one chain, not readers.
const CHAIN_LOCK = 7_001_001;
export const GENESIS = "0".repeat(64);

export function chainOf(containerId: number | null | undefined): string {
  return containerId == null ? "global" : `container:${containerId}`;
}

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

/**
 * Appends one audit row inside the caller's transaction. `newChain` says the container was
 * created in this very transaction, so its chain is empty and nobody else can write to it yet:
 * no lock and no look-up needed (two round trips fewer on the ingestion path).
 */
export async function appendAudit(tx: Tx, actor: Actor, entry: AuditEntry, opts: { newChain?: boolean } = {}): Promise<void> {
  const chain = chainOf(entry.containerId);
  let prevHash = GENESIS;
  if (!opts.newChain) {
    await tx.$executeRaw`select pg_advisory_xact_lock(${CHAIN_LOCK}::int, hashtext(${chain}))`;
    const last = await tx.auditLog.findFirst({ where: { chain }, orderBy: { id: "desc" }, select: { hash: true } });
    prevHash = last?.hash ?? GENESIS;
  }
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
  const hash = auditHash(prevHash, row);
  await tx.auditLog.create({ data: { ...row, at: new Date(row.at), chain, prevHash, hash } });
  await tx.$executeRawUnsafe(ANCHOR_UPSERT, chain, hash, headMac(auditKey(), chain, hash));
}

/**
 * Recomputes every chain (or only `chain`); returns the id of the first row that does not
 * match, or null. Reads in pages so a large log does not have to fit in memory at once.
 */
export async function verifyAuditChain(tx: Tx, chain?: string): Promise<bigint | null> {
  const heads = new Map<string, string>();
  let after = BigInt(-1);
  for (;;) {
    const rows = await tx.auditLog.findMany({
      where: { id: { gt: after }, ...(chain ? { chain } : {}) }, orderBy: { id: "asc" }, take: 5000,
    });
    if (!rows.length) return null;
    for (const r of rows) {
      const prevHash = heads.get(r.chain) ?? GENESIS;
      const row = {
        at: r.at.toISOString(), actorId: r.actorId, actorName: r.actorName, action: r.action,
        objectType: r.objectType, objectId: r.objectId, containerId: r.containerId, detail: r.detail,
      };
      if (r.prevHash !== prevHash || auditHash(prevHash, row) !== r.hash) return r.id;
      heads.set(r.chain, r.hash);
    }
    after = rows[rows.length - 1]!.id;
  }
}
