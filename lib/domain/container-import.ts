// Importing a container archive (layout in ./container-export.ts) into this instance: new ids,
// the same content. All or nothing: the whole archive is read and checked first (known entries
// only, JSON that validates, every vault file's SHA-256 equal to its name, sizes within the
// vault's limit); a container whose source_data_identifier exists here is a duplicate and
// nothing is written. Then the container with its artifacts is ingested as a REST create would
// be, and its notes, comments, pins and vault documents follow in one transaction; should that
// transaction fail, the new container is deleted again.
import { createHash } from "node:crypto";
import type { Prisma } from "@prisma/client";
import { z } from "zod";
import { db } from "../db/client";
import { time } from "../schemas/common";
import { artifactFields, newContainerSchema } from "../schemas/containers";
import { newCommentSchema, newNoteSchema } from "../schemas/notes";
import { PIN_STYLES, PIN_TYPES } from "../schemas/pins";
import type { Actor } from "./actor";
import { appendAudit } from "./audit";
import { ARCHIVE_FORMAT } from "./container-export";
import { createContainer, deleteContainer } from "./containers";
import { DomainError } from "./errors";
import { readTarEntries } from "./tar-entries";
import { inTransaction } from "./transactions";
import { storeVaultFile, vaultMaxBytes } from "./vault";

const JSON_FILES = ["manifest.json", "container.json", "artifacts.json", "notes.json", "comments.json", "pins.json", "vault.json"];
const VAULT_ENTRY = /^vault\/([0-9a-f]{64})$/;
const MAX_ENTRIES = 10_000;

const bad = (message: string) => new DomainError("invalid", `archive: ${message}`);

/** Reads a tar into memory by entry name, refusing anything that is not part of the layout. */
async function readTar(bytes: Buffer): Promise<Map<string, Buffer>> {
  return readTarEntries(bytes, (header, kept) => {
    const name = header.name.replace(/^\.\//, "");
    if (header.type === "directory") return "skip";
    if (header.type !== "file") return bad(`"${name}" is a ${header.type}; only files belong in a container archive`);
    if (!JSON_FILES.includes(name) && !VAULT_ENTRY.test(name)) return bad(`unexpected entry "${name}"`);
    if (kept.has(name)) return bad(`"${name}" appears twice`);
    if (kept.size >= MAX_ENTRIES) return bad(`more than ${MAX_ENTRIES} entries`);
    return { keep: name };
  }, (message) => bad(`not a readable tar file (${message})`));
}

function parseJson<S extends z.ZodType>(entries: Map<string, Buffer>, name: string, schema: S, fallback?: unknown): z.output<S> {
  const raw = entries.get(name);
  if (!raw && fallback === undefined) throw bad(`${name} is missing`);
  let value: unknown = fallback;
  if (raw) {
    try {
      value = JSON.parse(raw.toString("utf8"));
    } catch {
      throw bad(`${name} is not valid JSON`);
    }
  }
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw bad(`${name}${issue.path.length ? ` at ${issue.path.join(".")}` : ""}: ${issue.message}`);
  }
  return r.data;
}

const userName = z.string().nullish();
const noteIn = newNoteSchema.omit({ container_id: true }).extend({ create_time: time.nullish(), author_name: userName });
const commentIn = newCommentSchema.extend({ time: time.nullish(), user_name: userName });
const pinIn = z.object({
  name: z.string().max(256).nullish(), message: z.string().trim().min(1).max(1024), data: z.string().max(10_000).nullish(),
  pin_type: z.enum(PIN_TYPES).nullish(), pin_style: z.enum(PIN_STYLES).nullish(), order: z.number().int().min(0).max(1000).nullish(),
});
const vaultIn = z.object({
  name: z.string().trim().min(1).max(255).refine((n) => !/[/\\]/.test(n), "name may not contain slashes"),
  hash: z.string().regex(/^[0-9a-f]{64}$/, "hash must be a SHA-256 in hex"),
  mime_type: z.string().max(255).nullish(), metadata: z.record(z.string(), z.unknown()).nullish(), create_time: time.nullish(),
  user_name: userName,
});
const list = <S extends z.ZodType>(s: S) => z.array(s).max(100_000);

export type ImportResult = { created: true; id: number; counts: Record<string, number> } | { created: false; existingId: number };

export async function importContainer(bytes: Buffer, actor: Actor): Promise<ImportResult> {
  const entries = await readTar(bytes);
  const manifest = parseJson(entries, "manifest.json", z.object({ format: z.string() }).loose());
  if (manifest.format !== ARCHIVE_FORMAT) throw bad(`format "${manifest.format}" is not ${ARCHIVE_FORMAT}`);
  const artifacts = parseJson(entries, "artifacts.json", list(artifactFields), []);
  const container = parseJson(entries, "container.json", newContainerSchema.omit({ artifacts: true, owner_id: true }));
  const notes = parseJson(entries, "notes.json", list(noteIn), []);
  const comments = parseJson(entries, "comments.json", list(commentIn), []);
  const pins = parseJson(entries, "pins.json", list(pinIn), []);
  const vault = parseJson(entries, "vault.json", list(vaultIn), []);
  const files = new Map<string, Buffer>();
  for (const [name, data] of entries) {
    const m = VAULT_ENTRY.exec(name);
    if (!m) continue;
    if (data.length > vaultMaxBytes()) throw new DomainError("too_large", `archive: ${name} is larger than the vault takes (VIGIL_VAULT_MAX_MB)`);
    if (createHash("sha256").update(data).digest("hex") !== m[1]) throw bad(`${name}: the file's SHA-256 does not match its name`);
    files.set(m[1]!, data);
  }
  const missing = vault.find((v) => !files.has(v.hash));
  if (missing) throw bad(`vault.json names ${missing.hash} (${missing.name}) but vault/${missing.hash} is not in the archive`);

  // Authors are matched by user name; someone unknown here leaves the author empty.
  const names = [...new Set([...notes.map((n) => n.author_name), ...comments.map((c) => c.user_name), ...vault.map((v) => v.user_name)].filter((n): n is string => !!n))];
  const users = new Map((await db.user.findMany({ where: { username: { in: names } }, select: { id: true, username: true } })).map((u) => [u.username, u.id]));
  const userId = (n: string | null | undefined) => (n ? (users.get(n) ?? null) : null);
  const at = (t: string | null | undefined) => (t ? new Date(t) : undefined);

  const created = await createContainer({ ...container, owner_id: null, run_automation: false, artifacts: artifacts.map((a) => ({ ...a, run_automation: false })) }, actor);
  if (!created.created) return { created: false, existingId: created.id };
  const id = created.id;
  try {
    for (const data of files.values()) await storeVaultFile(data);
    await inTransaction(async (tx) => {
      await tx.note.createMany({ data: notes.map((n) => ({ containerId: id, authorId: userId(n.author_name), title: n.title, content: n.content, noteType: n.note_type, createdAt: at(n.create_time) })) });
      await tx.comment.createMany({ data: comments.map((c) => ({ containerId: id, authorId: userId(c.user_name), content: c.comment, createdAt: at(c.time) })) });
      await tx.containerPin.createMany({
        data: pins.map((p) => ({ containerId: id, authorId: actor.id, name: p.name ?? "", message: p.message, data: p.data ?? "", pinType: p.pin_type ?? "manual card", pinStyle: p.pin_style ?? "", position: p.order ?? 0 })),
      });
      await tx.attachment.createMany({
        data: vault.map((v) => ({
          containerId: id, name: v.name, sha256: v.hash, size: files.get(v.hash)!.length, mimeType: v.mime_type || "application/octet-stream",
          metadata: (v.metadata ?? {}) as Prisma.InputJsonObject, createdById: userId(v.user_name), createdAt: at(v.create_time),
        })),
      });
      await appendAudit(tx, actor, {
        action: "container.import", objectType: "container", objectId: id, containerId: id,
        detail: { exported_from: (manifest as { container_id?: unknown }).container_id ?? null, notes: notes.length, comments: comments.length, vault: vault.length, pins: pins.length } as Prisma.InputJsonObject,
      });
    });
  } catch (err) {
    await deleteContainer(id, actor).catch(() => {});
    throw err;
  }
  return { created: true, id, counts: { artifacts: artifacts.length, notes: notes.length, comments: comments.length, vault: vault.length, pins: pins.length } };
}
