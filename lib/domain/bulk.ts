// Bulk actions of the events queue: assign, set status or severity, close with a reason, add to
// a case. All or nothing: one transaction locks every selected container (in id order, so two
// bulk actions over overlapping selections cannot deadlock), changes each with its own audit
// row, and a single refusal (a missing container, a case that is not one) rolls back them all.
import type { Prisma } from "@prisma/client";
import type { ContainerUpdate } from "../schemas/containers";
import type { BulkAction } from "../schemas/events";
import type { Actor } from "./actor";
import { appendAudit } from "./audit";
import { applyContainerUpdate, prepareContainerUpdate } from "./containers";
import { DomainError } from "./errors";
import { taxonomy } from "./taxonomy";
import { inTransaction } from "./transactions";

async function patchOf(action: BulkAction): Promise<ContainerUpdate> {
  switch (action.kind) {
    case "owner": return { owner_id: action.owner_id };
    case "status": return { status: action.status };
    case "severity": return { severity: action.severity };
    case "case": return { parent_container: action.case_id };
    case "close": {
      // Custom statuses may be of type "closed"; the built-in "closed" is the one bulk close uses.
      const t = await taxonomy();
      const closed = t.statuses.get("closed") === "closed" ? "closed" : [...t.statuses].find(([, type]) => type === "closed")?.[0];
      if (!closed) throw new DomainError("invalid", "no status of type closed exists");
      return { status: closed };
    }
  }
}

export async function bulkUpdate(ids: number[], action: BulkAction, actor: Actor): Promise<{ updated: number }> {
  const unique = [...new Set(ids)].sort((a, b) => a - b);
  if (action.kind === "case" && unique.includes(action.case_id)) {
    throw new DomainError("invalid", "a case cannot be added to itself", "case_id");
  }
  const prepared = await prepareContainerUpdate(await patchOf(action));
  const detail: Prisma.InputJsonObject = action.kind === "close" ? { reason: action.reason, bulk: unique.length > 1 } : { bulk: unique.length > 1 };
  await inTransaction(async (tx) => {
    if (action.kind === "case") {
      const cases = await tx.container.count({ where: { id: { in: unique }, containerType: "case" } });
      if (cases) throw new DomainError("invalid", "a case cannot be added to another case", "ids");
    }
    for (const id of unique) await applyContainerUpdate(tx, id, prepared, actor, detail);
    if (action.kind === "case") {
      await appendAudit(tx, actor, {
        action: "case.add", objectType: "container", objectId: action.case_id, containerId: action.case_id, detail: { ids: unique },
      });
    }
    if (action.kind === "close") {
      // The reason also goes into each container's comments, where the next analyst reads it.
      await tx.comment.createMany({ data: unique.map((containerId) => ({ containerId, authorId: actor.id, content: `Closed: ${action.reason}` })) });
      await tx.container.updateMany({ where: { id: { in: unique } }, data: { resolution: action.reason, closedById: actor.id } });
    }
  });
  return { updated: unique.length };
}
