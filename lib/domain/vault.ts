// The vault: files attached to containers. Bytes are stored once, content-addressed by SHA-256
// under VIGIL_DATA_DIR/vault/<first two hex digits>/<sha256>, so the same file attached to many
// containers takes its space once and backups copy one directory. A row per attachment names
// the file for its container.
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Attachment, Prisma } from "@prisma/client";
import { db, type Tx } from "../db/client";
import { readConfig } from "../config";
import type { Actor } from "./actor";
import { appendAudit } from "./audit";
import { DomainError } from "./errors";
import { withStatementTimeout } from "./list-query";
import { inTransaction } from "./transactions";

/** VIGIL_VAULT_MAX_MB (default 50): the largest file the vault accepts. */
export function vaultMaxBytes(): number {
  const raw = process.env.VIGIL_VAULT_MAX_MB;
  const mb = raw ? Number(raw) : 50;
  return (Number.isFinite(mb) && mb > 0 ? mb : 50) * 1024 * 1024;
}

function vaultPath(sha256: string): string {
  return path.join(readConfig().dataDir, "vault", sha256.slice(0, 2), sha256);
}

/** Stores bytes under their SHA-256 (once: the same file is kept once) and returns the hash. */
export async function storeVaultFile(bytes: Buffer): Promise<string> {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const file = vaultPath(sha256);
  if (!existsSync(file)) {
    // Write then rename, so a reader never sees half a file under its final name; a write that
    // fails (the disk is full) leaves nothing behind, not even the partial temporary file.
    const tmp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(tmp, bytes, { mode: 0o600 });
      await rename(tmp, file);
    } catch (err) {
      await rm(tmp, { force: true });
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOSPC" || code === "EDQUOT") {
        throw new DomainError("no_space", `the disk holding the vault (${path.join(readConfig().dataDir, "vault")}) is full: free space there and retry; nothing was stored`);
      }
      throw err;
    }
  }
  return sha256;
}

/** The path of a stored vault file, or a 404 when it is missing. */
export function vaultFile(sha256: string): string {
  const file = vaultPath(sha256);
  if (!existsSync(file)) throw new DomainError("not_found", `the vault file ${sha256} is missing`);
  return file;
}

/** Name, size and type of a vault file, from its latest attachment (a file attached under several names takes the newest). */
export async function vaultFileInfo(sha256: string): Promise<{ name: string; size: number; mime_type: string }> {
  const row = await db.attachment.findFirst({ where: { sha256 }, orderBy: { id: "desc" }, select: { name: true, size: true, mimeType: true } });
  if (!row) throw new DomainError("not_found", `no vault file has the id ${sha256}`);
  return { name: row.name, size: row.size, mime_type: row.mimeType };
}

export interface NewAttachment {
  containerId: number;
  name: string;
  bytes: Buffer;
  mimeType?: string;
  metadata?: Prisma.InputJsonObject;
}

export async function addAttachment(input: NewAttachment, actor: Actor): Promise<Attachment> {
  if (input.bytes.length > vaultMaxBytes()) {
    throw new DomainError("too_large", `file_content: the file is ${input.bytes.length} bytes; the vault takes at most ${vaultMaxBytes()} (VIGIL_VAULT_MAX_MB)`, "file_content");
  }
  const container = await db.container.findUnique({ where: { id: input.containerId }, select: { id: true } });
  if (!container) throw new DomainError("invalid", `container_id: container ${input.containerId} does not exist`, "container_id");
  const sha256 = await storeVaultFile(input.bytes);
  return inTransaction((tx) => insertAttachmentInTx(tx, { ...input, sha256, size: input.bytes.length }, actor), { violations: { "23503": new DomainError("invalid", `container_id: container ${input.containerId} does not exist`, "container_id") } });
}

/** The attachment row of a file already stored (storeVaultFile), with its audit row, in `tx`. */
export async function insertAttachmentInTx(tx: Tx, input: Omit<NewAttachment, "bytes"> & { sha256: string; size: number }, actor: Actor): Promise<Attachment> {
  const row = await tx.attachment.create({
    data: {
      containerId: input.containerId, name: input.name, sha256: input.sha256, size: input.size,
      mimeType: input.mimeType || "application/octet-stream", metadata: input.metadata ?? {}, createdById: actor.id,
    },
  });
  await appendAudit(tx, actor, {
    action: "vault.add", objectType: "attachment", objectId: row.id, containerId: input.containerId,
    detail: { name: input.name, sha256: input.sha256, size: row.size },
  });
  return row;
}

export type AttachmentRecord = Attachment & { createdByName: string | null };

export async function listAttachments(opts: { containerId?: number; page: number; pageSize: number }) {
  const where = opts.containerId === undefined ? {} : { containerId: opts.containerId };
  const [count, rows] = await withStatementTimeout((tx) => Promise.all([
    tx.attachment.count({ where }),
    tx.attachment.findMany({
      where, orderBy: { id: "asc" }, include: { createdBy: { select: { username: true } } },
      ...(opts.pageSize > 0 ? { skip: opts.page * opts.pageSize, take: opts.pageSize } : {}),
    }),
  ]));
  const data: AttachmentRecord[] = rows.map(({ createdBy, ...a }) => ({ ...a, createdByName: createdBy?.username ?? null }));
  return { count, numPages: opts.pageSize > 0 ? Math.ceil(count / opts.pageSize) : count ? 1 : 0, data };
}

export async function getAttachment(id: number): Promise<AttachmentRecord> {
  const row = await db.attachment.findUnique({ where: { id }, include: { createdBy: { select: { username: true } } } });
  if (!row) throw new DomainError("not_found", `vault document ${id} does not exist`);
  const { createdBy, ...a } = row;
  return { ...a, createdByName: createdBy?.username ?? null };
}

export async function readAttachment(id: number): Promise<{ attachment: AttachmentRecord; bytes: Buffer }> {
  const attachment = await getAttachment(id);
  const file = vaultPath(attachment.sha256);
  if (!existsSync(file)) throw new DomainError("not_found", `the vault file of document ${id} is missing`);
  return { attachment, bytes: await readFile(file) };
}
