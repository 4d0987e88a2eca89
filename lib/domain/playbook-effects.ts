// Container changes a playbook step asked for, applied inside the transaction that records the
// step, through the same domain functions the console and REST use. The step row (unique per run
// and block) is the idempotency key: a turn replayed after a crash either committed both or
// neither.
import type { Tx } from "../db/client";
import type { EffectBody } from "../engine/types";
import type { Actor } from "./actor";
import { promoteInTx } from "./cases";
import { applyContainerUpdate, prepareContainerUpdate } from "./containers";
import { insertComment, insertNote } from "./notes";
import { insertPin } from "./pins";
import { containerUpdateSchema, newArtifactSchema } from "../schemas/containers";
import type { ListRow } from "../schemas/custom-lists";
import { addArtifactInTx } from "./artifacts";
import { appendListRowsInTx } from "./custom-lists";
import { DomainError } from "./errors";

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
