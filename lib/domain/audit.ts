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
  const held = heldBack.get(tx);
  if (held && !opts.newChain) {
    held.push({ chain: chainOf(entry.containerId), row: auditRow(actor, entry) });
    return;
  }
  const chain = chainOf(entry.containerId);
  let prevHash = GENESIS;
  if (!opts.newChain) {
    await tx.$executeRaw`select pg_advisory_xact_lock(${CHAIN_LOCK}::int, hashtext(${chain}))`;
    const last = await tx.auditLog.findFirst({ where: { chain }, orderBy: { id: "desc" }, select: { hash: true } });
    prevHash = last?.hash ?? GENESIS;
  }
  const row = auditRow(actor, entry);
  const hash = auditHash(prevHash, row);
  await tx.auditLog.create({ data: { ...row, at: new Date(row.at), chain, prevHash, hash } });
  await tx.$executeRawUnsafe(ANCHOR_UPSERT, chain, hash, headMac(auditKey(), chain, hash));
}

function auditRow(actor: Actor, entry: AuditEntry) {
  return {
    at: new Date().toISOString(),
    actorId: actor.id,
    actorName: actor.name,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId == null ? null : String(entry.objectId),
    containerId: entry.containerId ?? null,
    detail: entry.detail ?? {},
  };
}

/** Audit rows appendAudit was asked for inside withBatchedAudit, per transaction, in order. */
const heldBack = new WeakMap<Tx, { chain: string; row: ReturnType<typeof auditRow> }[]>();

/**
 * Runs `fn` with the audit rows appendAudit writes on `tx` held back, then writes them all in
 * three statements (chain locks in a fixed order, chain heads, rows with their anchors) instead of
 * four per row: the playbook engine commits the notes and action runs of a whole batch of runs
 * in one transaction. The rows and hashes are the ones appendAudit would have written, in order.
 */
export async function withBatchedAudit<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
  const held: { chain: string; row: ReturnType<typeof auditRow> }[] = [];
  heldBack.set(tx, held);
  let result: T;
  try {
    result = await fn();
  } finally {
    heldBack.delete(tx);
  }
  if (held.length === 0) return result;
  const chains = [...new Set(held.map((h) => h.chain))].sort();
  // Lock first, read the heads in a second statement: under READ COMMITTED a statement reads the
  // snapshot taken when it began, so heads read by the statement that waited for the locks could
  // miss a row another writer committed meanwhile, and the chain would fork.
  await tx.$queryRaw`select count(pg_advisory_xact_lock(${CHAIN_LOCK}::int, hashtext(c)))
    from (select c from unnest(${chains}::text[]) c order by c offset 0) sorted`;
  const heads = await tx.$queryRaw<{ chain: string; hash: string | null }[]>`
    select c as chain, (select hash from audit_log where chain = c order by id desc limit 1) as hash
    from unnest(${chains}::text[]) c`;
  const head = new Map(heads.map((h) => [h.chain, h.hash ?? GENESIS]));
  const rows = held.map(({ chain, row }, n) => {
    const prevHash = head.get(chain) ?? GENESIS;
    const hash = auditHash(prevHash, row);
    head.set(chain, hash);
    return { ...row, chain, prev_hash: prevHash, hash, n };
  });
  const key = auditKey();
  const anchors = chains.map((c) => ({ chain: c, hash: head.get(c)!, mac: headMac(key, c, head.get(c)!) }));
  await tx.$executeRaw`
    with w as (
      insert into audit_log (at, actor_id, actor_name, action, object_type, object_id, container_id, detail, chain, prev_hash, hash)
      select r.at at time zone 'utc', r."actorId", r."actorName", r.action, r."objectType", r."objectId", r."containerId", r.detail, r.chain, r.prev_hash, r.hash
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(at timestamptz, "actorId" int, "actorName" text, action text,
        "objectType" text, "objectId" text, "containerId" int, detail jsonb, chain text, prev_hash text, hash text, n int)
      order by r.n)
    insert into audit_heads (chain, head_hash, mac) select a.chain, a.hash, a.mac
    from jsonb_to_recordset(${JSON.stringify(anchors)}::jsonb) as a(chain text, hash text, mac text)
    on conflict (chain) do update set head_hash = excluded.head_hash, mac = excluded.mac`;
  return result;
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
