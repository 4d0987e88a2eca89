// Container changes a playbook step asked for, applied inside the transaction that records the
// step, through the same domain functions the console and REST use. The step row (unique per run
// and block) is the idempotency key: a turn replayed after a crash either committed both or
// neither.
import type { Tx } from "../db/client";
import type { EffectBody } from "../engine/types";
import type { Actor } from "./actor";
import { appendAudit } from "./audit";
import { promoteInTx } from "./cases";
import { applyContainerUpdate, prepareContainerUpdate } from "./containers";
import { insertComment, insertNote } from "./notes";
import { insertPin } from "./pins";
import { containerUpdateSchema, newArtifactSchema } from "../schemas/containers";
import type { ListRow } from "../schemas/custom-lists";
import { addArtifactInTx } from "./artifacts";
import { appendListRowsInTx } from "./custom-lists";
import { DomainError } from "./errors";
import { insertAttachmentInTx } from "./vault";
import type { Prisma } from "@prisma/client";

/**
 * Playbook notes of a whole batch of turns in one statement (the one-by-one path is applyEffect),
 * each with the audit row insertNote writes, through appendAudit (batched by the caller).
 */
export async function insertNotes(tx: Tx, notes: { containerId: number; effect: Extract<EffectBody, { kind: "note" }>; actor: Actor }[]): Promise<void> {
  if (notes.length === 0) return;
  const rows = notes.map(({ containerId, effect, actor }, k) => ({ k, container_id: containerId, author_id: actor.id, title: effect.title.slice(0, 1024), content: effect.content }));
  // x is read twice, so PostgreSQL materialises it: each note takes its id once.
  const made = await tx.$queryRaw<{ k: number; id: number }[]>`
    with x as (
      select r.*, nextval(pg_get_serial_sequence('notes', 'id'))::int as id
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(k int, container_id int, author_id int, title text, content text)),
    i as (insert into notes (id, container_id, author_id, title, content, note_type) select id, container_id, author_id, title, content, 'general' from x order by k)
    select k, id from x`;
  const ids = new Map(made.map((m) => [m.k, m.id]));
  for (const [k, { containerId, actor }] of notes.entries()) {
    await appendAudit(tx, actor, { action: "note.create", objectType: "note", objectId: ids.get(k), containerId, detail: { title: rows[k]!.title } });
  }
}

export async function applyEffect(tx: Tx, containerId: number, e: EffectBody, actor: Actor): Promise<void> {
  switch (e.kind) {
    case "note":
      await insertNote(tx, { containerId, title: e.title.slice(0, 1024), content: e.content, noteType: "general" }, actor);
      return;
    case "comment":
      await insertComment(tx, containerId, e.text, actor);
      return;
    case "promote":
      await promoteInTx(tx, containerId, actor);
      return;
    case "pin":
      await insertPin(tx, { container_id: containerId, name: "", message: e.message, data: e.data, pin_type: "manual card", pin_style: "", order: 0 }, actor);
      return;
    case "artifact": {
      const item = newArtifactSchema.safeParse({ container_id: containerId, name: e.name, label: e.label, severity: e.severity, cef: e.cef, run_automation: false });
      if (!item.success) throw new DomainError("invalid", item.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
      // As SOAR's add_artifact (run_automation false): a playbook's own artifact starts no playbooks,
      // so a playbook that adds artifacts on a label it runs on does not start itself again.
      await tx.$executeRaw`select set_config('vigil.playbook_effect', 'on', true)`;
      await addArtifactInTx(tx, item.data, actor);
      await tx.$executeRaw`select set_config('vigil.playbook_effect', '', true)`;
      return;
    }
    case "attachment":
      await insertAttachmentInTx(tx, { containerId, name: e.name, sha256: e.sha256, size: e.size, mimeType: e.mimeType, metadata: e.metadata as Prisma.InputJsonObject }, actor);
      return;
    case "list_add":
      await appendListRowsInTx(tx, e.list, [e.row as ListRow], actor);
      return;
    case "update": {
      let tags: string[] | undefined;
      if (e.addTags) {
        const row = await tx.container.findUniqueOrThrow({ where: { id: containerId }, select: { tags: true } });
        tags = [...new Set([...row.tags, ...e.addTags])];
      }
      const patch = containerUpdateSchema.safeParse({ status: e.status, severity: e.severity, sensitivity: e.sensitivity, tags, owner_id: e.owner });
      if (!patch.success) throw new DomainError("invalid", patch.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
      await applyContainerUpdate(tx, containerId, await prepareContainerUpdate(patch.data), actor);
    }
  }
}
