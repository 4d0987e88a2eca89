// phantom.vault_add and phantom.vault_info for SOAR Python playbooks, on Vigil's vault
// (lib/domain/vault.ts). A playbook writes a file under /opt/phantom/vault/tmp/ in the sandbox's
// in-memory file system and vault_adds it: the bytes come here, are stored content-addressed at
// once (storing the same bytes twice is harmless), and the attachment row is an effect committed
// with the turn, so a turn replayed after a crash attaches the file once. vault_info answers
// with SOAR's info dicts and the bytes of small files, which the Python side writes at the
// `path` it reports, so `open(info["path"], "rb")` works as in SOAR.
import { db } from "../../db/client";
import { storeVaultFile, vaultFile, vaultMaxBytes } from "../../domain/vault";
import type { HostFn } from "../sandbox";
import type { Effect } from "../types";
import { readFile } from "node:fs/promises";

/** Files up to this size come with their bytes (base64) in vault_info's answer. */
const INLINE_BYTES = 8 * 1024 * 1024;

export const vaultPathOf = (sha256: string) => `/opt/phantom/vault/${sha256.slice(0, 2)}/${sha256}`;

interface Row { id: number | null; containerId: number; name: string; sha256: string; size: number; mimeType: string; metadata: unknown; createdAt: Date }

export function vaultHost(opts: { containerId: number; turnKey: string; effects: Effect[] }): Record<string, HostFn> {
  return {
    vault_add: async (containerId, name, contentB64, mimeType, metadata) => {
      const target = containerId === null || containerId === undefined ? opts.containerId : Number(containerId);
      if (target !== opts.containerId) throw new Error(`vault_add: a playbook adds files to its own container (${opts.containerId}), not to ${String(containerId)}`);
      const bytes = Buffer.from(String(contentB64), "base64");
      if (bytes.length > vaultMaxBytes()) throw new Error(`vault_add: the file is ${bytes.length} bytes; the vault takes at most ${vaultMaxBytes()} (VIGIL_VAULT_MAX_MB)`);
      const sha256 = await storeVaultFile(bytes);
      opts.effects.push({
        blockId: opts.turnKey, kind: "attachment", name: String(name), sha256, size: bytes.length,
        mimeType: typeof mimeType === "string" && mimeType ? mimeType : "application/octet-stream",
        metadata: metadata && typeof metadata === "object" ? (metadata as Record<string, unknown>) : {},
      });
      return sha256;
    },
    vault_info: async (vaultId, fileName, containerId) => {
      const where = {
        ...(vaultId ? { sha256: String(vaultId).toLowerCase() } : {}),
        ...(fileName ? { name: String(fileName) } : {}),
        ...(containerId !== null && containerId !== undefined ? { containerId: Number(containerId) } : {}),
      };
      const stored: Row[] = await db.attachment.findMany({ where, orderBy: { id: "asc" }, take: 100 });
      // Files this turn added are not committed yet; the playbook sees them as SOAR would.
      const pending: Row[] = opts.effects.flatMap((e) => (e.kind === "attachment" &&
        (!vaultId || e.sha256 === String(vaultId).toLowerCase()) && (!fileName || e.name === fileName) &&
        (containerId === null || containerId === undefined || Number(containerId) === opts.containerId)
        ? [{ id: null, containerId: opts.containerId, name: e.name, sha256: e.sha256, size: e.size, mimeType: e.mimeType, metadata: e.metadata, createdAt: new Date() }] : []));
      const rows = [...stored, ...pending];
      let inline = 0;
      return Promise.all(rows.map(async (r) => {
        let content: string | null = null;
        if (r.size <= INLINE_BYTES && inline + r.size <= 4 * INLINE_BYTES) {
          inline += r.size;
          content = (await readFile(vaultFile(r.sha256)).catch(() => null))?.toString("base64") ?? null;
        }
        return {
          id: r.id, vault_id: r.sha256, name: r.name, size: r.size, mime_type: r.mimeType, container_id: r.containerId, container: r.containerId,
          create_time: r.createdAt.toISOString(), path: vaultPathOf(r.sha256), hash: r.sha256,
          metadata: { sha256: r.sha256, size: r.size, ...(r.metadata as Record<string, unknown>) }, contains: [], aka: [r.name], content,
        };
      }));
    },
  };
}
