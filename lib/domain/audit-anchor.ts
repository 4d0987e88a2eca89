// The out-of-table anchor of the audit chains: for each chain, its head hash and an HMAC of it
// keyed by <data dir>/keys/audit-hmac (created 0600). The key never enters the database, so
// whoever can write the database (even its superuser) but cannot read the data directory can
// rewrite a chain consistently yet not produce a head that verifies. What it does not catch:
// putting back an older head together with the rows it covered (a rollback to a past state).
// Several nodes sharing one database need the same key file (see the README).
import { createHmac, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { readConfig } from "../config";

export function auditKeyFile(dataDir: string): string {
  return path.join(dataDir, "keys", "audit-hmac");
}

const cache = globalThis as unknown as { vigilAuditKey?: { file: string; key: Buffer } };

/** The key of this data directory; read once per process. */
export function auditKey(dataDir = readConfig().dataDir): Buffer {
  const file = auditKeyFile(dataDir);
  if (cache.vigilAuditKey?.file === file) return cache.vigilAuditKey.key;
  if (!existsSync(file)) {
    throw new Error(`the audit key ${file} is missing: it is created by \`vigil start\`; on a node sharing the database, copy it from the first node`);
  }
  const key = Buffer.from(readFileSync(file, "utf8").trim(), "base64url");
  cache.vigilAuditKey = { file, key };
  return key;
}

export function headMac(key: Buffer, chain: string, headHash: string): string {
  return createHmac("sha256", key).update(`${chain}\n${headHash}`).digest("hex");
}

/** The upsert that moves a chain's anchor to its new head; $1 chain, $2 head hash, $3 mac. */
export const ANCHOR_UPSERT = `insert into audit_heads (chain, head_hash, mac) values ($1, $2, $3)
  on conflict (chain) do update set head_hash = excluded.head_hash, mac = excluded.mac`;

/**
 * Creates the key on first start. Chains written before there was a key (an upgrade) are
 * anchored at their current heads first, then the key file is written, so from then on a chain
 * without an anchor is itself a break.
 */
export async function ensureAuditKey(dataDir: string, databaseUrl: string): Promise<void> {
  const file = auditKeyFile(dataDir);
  if (existsSync(file)) return;
  const key = randomBytes(32);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    let after = "";
    for (;;) {
      const { rows } = await client.query<{ chain: string; hash: string }>(
        "select distinct on (chain) chain, hash from audit_log where chain > $1 order by chain, id desc limit 5000", [after],
      );
      if (!rows.length) break;
      await client.query(
        `insert into audit_heads (chain, head_hash, mac) select * from unnest($1::text[], $2::text[], $3::text[])
         on conflict (chain) do nothing`,
        [rows.map((r) => r.chain), rows.map((r) => r.hash), rows.map((r) => headMac(key, r.chain, r.hash))],
      );
      after = rows[rows.length - 1]!.chain;
    }
  } finally {
    await client.end();
  }
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, key.toString("base64url") + "\n", { mode: 0o600, flag: "wx" }).catch((err: NodeJS.ErrnoException) => {
    // Another process starting on the same data directory at the same moment made it first.
    if (err.code !== "EEXIST") throw err;
  });
}
