// `vigil audit verify`: walks every audit chain in order (hash links: each row's prev_hash is
// the hash of the row before it, and its hash covers its own content) and compares each chain's
// last row with its out-of-table anchor (./audit-anchor.ts). Reads chain by chain in pages, so
// memory stays flat however long the log is; the time is linear in the number of rows.
import type pg from "pg";
import { auditHash, GENESIS } from "./audit";
import { headMac } from "./audit-anchor";

export interface AuditBreak {
  chain: string;
  /** The first row where the chain goes wrong; null when the problem is the anchor of a chain with no rows. */
  rowId: string | null;
  problem: string;
}

export interface AuditReport {
  chains: number;
  rows: number;
  breaks: AuditBreak[];
}

interface Row {
  id: string;
  at: string;
  actor_id: number | null;
  actor_name: string;
  action: string;
  object_type: string;
  object_id: string | null;
  container_id: number | null;
  detail: unknown;
  chain: string;
  prev_hash: string;
  hash: string;
}

interface Walk {
  name: string;
  head: string;
  lastId: string;
  broken: boolean;
}

// `at` as the exact ISO string that was hashed (timestamp without time zone, written in UTC).
// Ordered by the qualified a.id: a bare `id` would mean the text column of the select list.
const ROWS = `select id::text, to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, actor_id, actor_name, action,
  object_type, object_id, container_id, detail, chain, prev_hash, hash
  from audit_log a where (a.chain, a.id) > ($1, $2::bigint) order by a.chain, a.id limit $3`;

/** `page`: rows read per query (a parameter so that tests can cross page boundaries). */
export async function verifyAuditLog(client: pg.ClientBase, key: Buffer, page = 5000): Promise<AuditReport> {
  const report: AuditReport = { chains: 0, rows: 0, breaks: [] };
  // The chain being walked: its head so far, and whether a break was already reported in it.
  let chain = null as Walk | null;
  const anchors = async (names: string[]) => new Map(
    (await client.query<{ chain: string; head_hash: string; mac: string }>(
      "select chain, head_hash, mac from audit_heads where chain = any($1::text[])", [names],
    )).rows.map((a) => [a.chain, a]),
  );
  let finished: Walk[] = [];
  const checkAnchors = async () => {
    const found = await anchors(finished.map((c) => c.name));
    for (const c of finished) {
      if (c.broken) continue;
      const anchor = found.get(c.name);
      const problem = !anchor ? "the chain has no anchor (its anchor row was removed)"
        : anchor.mac !== headMac(key, c.name, anchor.head_hash) ? "the anchor's HMAC does not match: the anchor was rewritten without the key"
        : anchor.head_hash !== c.head ? "the last row is not the anchored head: rows were removed from the end, or the chain was rewritten"
        : null;
      if (problem) report.breaks.push({ chain: c.name, rowId: c.lastId, problem });
    }
    finished = [];
  };
  let after: [string, string] = ["", "-1"];
  for (;;) {
    const { rows } = await client.query<Row>(ROWS, [...after, page]);
    for (const r of rows) {
      if (chain?.name !== r.chain) {
        if (chain) finished.push(chain);
        chain = { name: r.chain, head: GENESIS, lastId: r.id, broken: false };
        report.chains++;
      }
      report.rows++;
      if (!chain.broken) {
        const content = {
          at: r.at, actorId: r.actor_id, actorName: r.actor_name, action: r.action, objectType: r.object_type,
          objectId: r.object_id, containerId: r.container_id, detail: r.detail,
        };
        const problem = r.prev_hash !== chain.head
          ? "prev_hash does not match the hash of the row before it (a row was removed or inserted)"
          : auditHash(r.prev_hash, content) !== r.hash ? "the row's content does not match its hash (the row was altered)" : null;
        if (problem) {
          report.breaks.push({ chain: r.chain, rowId: r.id, problem });
          chain.broken = true;
        }
      }
      chain.head = r.hash;
      chain.lastId = r.id;
    }
    if (finished.length >= page || rows.length < page) {
      if (rows.length < page && chain) finished.push(chain);
      await checkAnchors();
    }
    if (rows.length < page) break;
    const last = rows[rows.length - 1]!;
    after = [last.chain, last.id];
  }
  // Anchors whose chain has no rows at all: the whole chain was deleted (or truncated).
  const orphans = await client.query<{ chain: string }>(
    "select h.chain from audit_heads h where not exists (select 1 from audit_log a where a.chain = h.chain) order by h.chain",
  );
  for (const o of orphans.rows) report.breaks.push({ chain: o.chain, rowId: null, problem: "the chain is anchored but has no rows: it was deleted" });
  return report;
}
