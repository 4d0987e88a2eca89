// Cases: a container promoted to container_type "case" holds related containers (their
// parent_container_id) and marks artifacts, notes and attachments in them as evidence.
import type { Prisma } from "@prisma/client";
import { db, type Tx } from "../db/client";
import type { Actor } from "./actor";
import { appendAudit } from "./audit";
import { bulkUpdate } from "./bulk";
import { lockContainer } from "./containers";
import { DomainError } from "./errors";
import { inTransaction } from "./transactions";

export type EvidenceType = "artifact" | "note" | "attachment";

/** Turns an event into a case in place, as Phantom's "promote to case" does; it keeps its history. */
export async function promoteToCase(id: number, actor: Actor): Promise<void> {
  await inTransaction((tx) => promoteInTx(tx, id, actor));
}

/** Promotes inside the caller's transaction (a playbook step commits it with its own record). */
export async function promoteInTx(tx: Tx, id: number, actor: Actor): Promise<void> {
  await lockContainer(tx, id);
  const row = await tx.container.findUniqueOrThrow({ where: { id }, select: { containerType: true, parentId: true } });
  if (row.containerType === "case") throw new DomainError("conflict", `container ${id} is already a case`);
  // A case is not itself a member of another case.
  await tx.container.update({ where: { id }, data: { containerType: "case", parentId: null } });
  await appendAudit(tx, actor, {
    action: "container.promote", objectType: "container", objectId: id, containerId: id, detail: { previous_case: row.parentId },
  });
}

export function addToCase(caseId: number, ids: number[], actor: Actor) {
  return bulkUpdate(ids, { kind: "case", case_id: caseId }, actor);
}

async function requireCase(tx: Tx, caseId: number): Promise<void> {
  const row = await tx.container.findUnique({ where: { id: caseId }, select: { containerType: true } });
  if (!row) throw new DomainError("not_found", `case ${caseId} does not exist`);
  if (row.containerType !== "case") throw new DomainError("invalid", `container ${caseId} is not a case`, "case_id");
}

/** The container holding an artifact, note or attachment. */
async function holderOf(tx: Tx, type: EvidenceType, id: number): Promise<number> {
  const where = { where: { id }, select: { containerId: true } } as const;
  const row = type === "artifact" ? await tx.artifact.findUnique(where) : type === "note" ? await tx.note.findUnique(where) : await tx.attachment.findUnique(where);
  if (!row) throw new DomainError("not_found", `${type} ${id} does not exist`);
  return row.containerId;
}

/** Marks (or unmarks) an object as evidence of a case; it must live in the case or one of its containers. */
export async function setEvidence(input: { caseId: number; objectType: EvidenceType; objectId: number; evidence: boolean }, actor: Actor): Promise<void> {
  await inTransaction(async (tx) => {
    await requireCase(tx, input.caseId);
    const containerId = await holderOf(tx, input.objectType, input.objectId);
    if (containerId !== input.caseId) {
      const member = await tx.container.findUnique({ where: { id: containerId }, select: { parentId: true } });
      if (member?.parentId !== input.caseId) throw new DomainError("invalid", `that ${input.objectType} is not in case ${input.caseId} or its containers`, "object_id");
    }
    const key = { caseId: input.caseId, objectType: input.objectType, objectId: input.objectId };
    if (input.evidence) {
      await tx.evidence.upsert({ where: { caseId_objectType_objectId: key }, create: { ...key, containerId, createdById: actor.id }, update: {} });
    } else {
      await tx.evidence.deleteMany({ where: key });
    }
    await appendAudit(tx, actor, {
      action: input.evidence ? "evidence.mark" : "evidence.unmark", objectType: input.objectType, objectId: input.objectId,
      containerId: input.caseId, detail: { container_id: containerId },
    });
  });
}

export interface EvidenceRecord {
  id: number;
  objectType: EvidenceType;
  objectId: number;
  containerId: number;
  containerName: string;
  /** What the object is, in a line: an artifact's name and CEF, a note's title, a file's name. */
  summary: string;
  /** An artifact's name and CEF fields, so the case shows it as the artifact row it marks. */
  artifact: { name: string; cef: Record<string, unknown> } | null;
  createdAt: Date;
}

export async function caseEvidence(caseId: number): Promise<EvidenceRecord[]> {
  return db.$queryRaw<EvidenceRecord[]>`
    select e.id, e.object_type as "objectType", e.object_id as "objectId", e.container_id as "containerId",
      c.name as "containerName", e.create_time as "createdAt",
      coalesce(
        case e.object_type
          when 'artifact' then (select nullif(a.name, '') || ' ' || a.cef::text from artifacts a where a.id = e.object_id)
          when 'note' then (select coalesce(nullif(n.title, ''), left(n.content, 80)) from notes n where n.id = e.object_id)
          when 'attachment' then (select f.name || ' (' || f.sha256 || ')' from attachments f where f.id = e.object_id)
        end, '(deleted)') as summary
      , case when e.object_type = 'artifact' then (select jsonb_build_object('name', a.name, 'cef', a.cef) from artifacts a where a.id = e.object_id) end as artifact
    from evidence e join containers c on c.id = e.container_id
    where e.case_id = ${caseId}
    order by e.id`;
}

/** Ids of objects in `containerIds` marked as evidence of any case, by type; for the badges. */
export async function evidenceMarks(containerIds: number[]): Promise<Record<EvidenceType, number[]>> {
  const rows = await db.evidence.findMany({ where: { containerId: { in: containerIds } }, select: { objectType: true, objectId: true } });
  const out: Record<EvidenceType, number[]> = { artifact: [], note: [], attachment: [] };
  for (const r of rows) out[r.objectType as EvidenceType]?.push(r.objectId);
  return out;
}

export interface CaseMember {
  id: number;
  name: string;
  status: string;
  severity: string;
  ownerName: string | null;
  artifactCount: number;
  createdAt: Date;
}

export async function caseMembers(caseId: number): Promise<CaseMember[]> {
  const rows = await db.container.findMany({
    where: { parentId: caseId }, orderBy: { id: "asc" }, take: 500,
    select: { id: true, name: true, status: true, severity: true, artifactCount: true, createdAt: true, owner: { select: { username: true } } },
  });
  return rows.map(({ owner, ...r }) => ({ ...r, ownerName: owner?.username ?? null }));
}

/** Cases a container can be added to: open ones, newest first (the picker in the queue). */
export function openCases(limit = 100): Promise<{ id: number; name: string }[]> {
  const where: Prisma.ContainerWhereInput = { containerType: "case", status: { not: "closed" } };
  return db.container.findMany({ where, orderBy: { id: "desc" }, take: limit, select: { id: true, name: true } });
}
