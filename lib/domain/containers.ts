// Containers: security events (container_type "default") and cases ("case"). Creating one,
// with its artifacts, is the ingestion path: one transaction, one audit row, a handful of
// statements however many artifacts it carries.
import { Prisma } from "@prisma/client";
import { db, type Tx } from "../db/client";
import type { ContainerUpdate, NewContainer } from "../schemas/containers";
import type { Actor } from "./actor";
import { appendAudit } from "./audit";
import { DomainError } from "./errors";
import { automationFlags, prepareArtifact } from "./ingest";
import { ingestContainer } from "./ingest-container";
import { field, runList, type FieldMap, type ListQuery, type Page } from "./list-query";
import { checkTaxonomy, type StatusType } from "./taxonomy";
import { notifyUsers } from "./notifications";
import { inTransaction } from "./transactions";

export interface ContainerRecord {
  id: number;
  name: string;
  description: string;
  label: string;
  severity: string;
  sensitivity: string;
  status: string;
  ownerId: number | null;
  ownerName: string | null;
  tags: string[];
  sourceDataIdentifier: string | null;
  containerType: string;
  dueTime: Date | null;
  startTime: Date;
  openTime: Date | null;
  closeTime: Date | null;
  customFields: Prisma.JsonValue;
  data: Prisma.JsonValue;
  artifactCount: number;
  parentId: number | null;
  hash: string;
  artifactUpdateTime: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const SELECT = Prisma.sql`c.id, c.name, c.description, c.label, c.severity, c.sensitivity, c.status,
  c.owner_id as "ownerId", u.username as "ownerName", c.tags, c.source_data_identifier as "sourceDataIdentifier",
  c.container_type as "containerType", c.due_time as "dueTime", c.start_time as "startTime",
  c.open_time as "openTime", c.close_time as "closeTime", c.custom_fields as "customFields", c.data,
  c.artifact_count as "artifactCount", c.parent_container_id as "parentId", c.hash,
  c.artifact_update_time as "artifactUpdateTime", c.create_time as "createdAt", c.update_time as "updatedAt"`;
const FROM = Prisma.sql`containers c left join users u on u.id = c.owner_id`;

/** Fields a list may filter and sort on, by their REST (Phantom) names. */
export const CONTAINER_FIELDS: FieldMap = {
  id: field("c.id", "int", { btree: true, notNull: true }),
  name: field("c.name", "text", { btree: true, trigram: true, notNull: true, lower: true }),
  description: field("c.description", "text", { notNull: true }),
  label: field("c.label", "text", { btree: true, notNull: true }),
  severity: field("c.severity", "text", { btree: true, notNull: true }),
  sensitivity: field("c.sensitivity", "text", { notNull: true }),
  status: field("c.status", "text", { btree: true, notNull: true }),
  owner: field("c.owner_id", "int", { btree: true }),
  owner_id: field("c.owner_id", "int", { btree: true }),
  owner_name: field("u.username", "text", { btree: true }),
  tags: field("c.tags", "text[]", { gin: true }),
  source_data_identifier: field("c.source_data_identifier", "text", { btree: true }),
  container_type: field("c.container_type", "text", { btree: true, notNull: true }),
  due_time: field("c.due_time", "time"),
  start_time: field("c.start_time", "time", { notNull: true }),
  open_time: field("c.open_time", "time"),
  close_time: field("c.close_time", "time"),
  create_time: field("c.create_time", "time", { btree: true, notNull: true }),
  update_time: field("c.update_time", "time", { btree: true, notNull: true }),
  artifact_count: field("c.artifact_count", "int", { notNull: true }),
  artifact_update_time: field("c.artifact_update_time", "time"),
  parent_container: field("c.parent_container_id", "int", { btree: true }),
  hash: field("c.hash", "text", { notNull: true }),
  custom_fields: field("c.custom_fields", "json"),
  data: field("c.data", "json"),
};

export interface CreatedContainer {
  id: number;
  created: boolean;
  artifacts: { id: number; created: boolean }[];
}

async function resolveOwner(owner: number | string | null | undefined): Promise<number | null> {
  if (owner == null) return null;
  const user = await db.user.findFirst({
    where: typeof owner === "number" ? { id: owner } : { username: owner }, select: { id: true },
  });
  if (!user) throw new DomainError("invalid", `owner_id: no user ${JSON.stringify(owner)}`, "owner_id");
  return user.id;
}

/**
 * Creates a container with its artifacts. A container whose source_data_identifier exists
 * already is not created again: the answer names the existing one (created=false) and its
 * artifacts are not added, as Phantom does.
 */
export async function createContainer(input: NewContainer, actor: Actor): Promise<CreatedContainer> {
  const t = await checkTaxonomy({
    severity: [input.severity, ...input.artifacts.map((a) => a.severity)], status: [input.status],
  });
  const ownerId = await resolveOwner(input.owner_id);
  const flags = automationFlags(input.artifacts);
  const artifacts = input.artifacts.map((a, i) => prepareArtifact(a, t.customCef, flags[i]!));
  const result = await ingestContainer(input, artifacts, {
    ownerId, statusType: t.statuses.get(input.status),
  }, actor);
  if ("existingId" in result) return { id: result.existingId, created: false, artifacts: [] };
  const firstSeen = new Set<number>();
  return {
    id: result.id,
    created: true,
    artifacts: result.artifactIds.map((id) => {
      const created = !firstSeen.has(id);
      firstSeen.add(id);
      return { id, created };
    }),
  };
}

export async function findContainer(id: number): Promise<ContainerRecord | null> {
  const rows = await db.$queryRaw<ContainerRecord[]>`select ${SELECT} from ${FROM} where c.id = ${id}`;
  return rows[0] ?? null;
}

export async function getContainer(id: number): Promise<ContainerRecord> {
  const row = await findContainer(id);
  if (!row) throw new DomainError("not_found", `container ${id} does not exist`);
  return row;
}

export function listContainers(query: ListQuery): Promise<Page<ContainerRecord>> {
  return runList<ContainerRecord>({ select: SELECT, from: FROM, fields: CONTAINER_FIELDS, query, idColumn: Prisma.sql`c.id` });
}

/** Locks the container row for the rest of the transaction, or answers 404. */
export async function lockContainer(tx: Tx, id: number): Promise<{ id: number; status: string; name: string; owner_id: number | null }> {
  const rows = await tx.$queryRaw<{ id: number; status: string; name: string; owner_id: number | null }[]>`select id, status, name, owner_id from containers where id = ${id} for update`;
  if (!rows.length) throw new DomainError("not_found", `container ${id} does not exist`);
  return rows[0]!;
}

/** What an update needs resolved before its transaction: taxonomy names and the owner's id. */
export interface PreparedUpdate {
  patch: ContainerUpdate;
  statusTypes: ReadonlyMap<string, StatusType>;
  ownerId: number | null | undefined;
}

export async function prepareContainerUpdate(patch: ContainerUpdate): Promise<PreparedUpdate> {
  const t = await checkTaxonomy({
    severity: patch.severity ? [patch.severity] : [], status: patch.status ? [patch.status] : [],
  });
  const ownerId = patch.owner_id === undefined ? undefined : await resolveOwner(patch.owner_id);
  return { patch, statusTypes: t.statuses, ownerId };
}

/**
 * Applies a prepared update inside the caller's transaction (so bulk actions change many
 * containers all or nothing), with its audit row; `detail` adds to what the row records.
 */
export async function applyContainerUpdate(tx: Tx, id: number, prepared: PreparedUpdate, actor: Actor, detail: Prisma.InputJsonObject = {}): Promise<void> {
  const { patch, ownerId } = prepared;
  if (patch.parent_container === id) throw new DomainError("invalid", "parent_container: a container cannot contain itself", "parent_container");
  const before = await lockContainer(tx, id);
  if (patch.parent_container != null) {
    const parent = await tx.container.findUnique({ where: { id: patch.parent_container }, select: { containerType: true } });
    if (!parent) throw new DomainError("invalid", `parent_container: container ${patch.parent_container} does not exist`, "parent_container");
    if (parent.containerType !== "case") throw new DomainError("invalid", "parent_container: only a case can hold containers", "parent_container");
  }
  const statusType = patch.status ? prepared.statusTypes.get(patch.status) : undefined;
  const statusChanged = patch.status !== undefined && patch.status !== before.status;
  const data: Prisma.ContainerUncheckedUpdateInput = {
    name: patch.name, description: patch.description, label: patch.label, severity: patch.severity,
    sensitivity: patch.sensitivity, status: patch.status, ownerId, tags: patch.tags,
    containerType: patch.container_type, customFields: patch.custom_fields as Prisma.InputJsonObject | undefined,
    data: patch.data as Prisma.InputJsonObject | undefined, parentId: patch.parent_container,
    dueTime: patch.due_time === undefined ? undefined : patch.due_time === null ? null : new Date(patch.due_time),
  };
  // Reopened: the resolution of the earlier closing no longer describes it.
  if (statusChanged && statusType === "open") Object.assign(data, { openTime: new Date(), closeTime: null, resolution: null, closedById: null });
  if (statusChanged && statusType === "closed") Object.assign(data, { closeTime: new Date() });
  if (statusChanged && statusType === "new") Object.assign(data, { openTime: null, closeTime: null, resolution: null, closedById: null });
  if (patch.label) await tx.label.upsert({ where: { name: patch.label }, create: { name: patch.label }, update: {} });
  await tx.container.update({ where: { id }, data });
  await appendAudit(tx, actor, {
    action: statusChanged ? "container.status" : "container.update", objectType: "container", objectId: id,
    containerId: id, detail: { ...(JSON.parse(JSON.stringify(patch)) as Prisma.InputJsonObject), ...detail },
  });
  if (ownerId && ownerId !== before.owner_id && ownerId !== actor.id) {
    await notifyUsers(tx, [ownerId], {
      kind: "assigned", title: `Event assigned to you: ${patch.name ?? before.name}`, body: `by ${actor.name}`,
      link: `/events/${id}`, objectType: "container", objectId: id,
    });
  }
}

export async function updateContainer(id: number, patch: ContainerUpdate, actor: Actor): Promise<ContainerRecord> {
  const prepared = await prepareContainerUpdate(patch);
  await inTransaction((tx) => applyContainerUpdate(tx, id, prepared, actor));
  return getContainer(id);
}

export async function deleteContainer(id: number, actor: Actor): Promise<void> {
  await deleteContainers([id], actor);
}

/** At most this many containers per bulk delete (DELETE /rest/container?ids=[...]). */
export const MAX_BULK_DELETE = 1000;

/**
 * Deletes containers with their artifacts, notes and attachments, all or nothing: when one id
 * does not exist nothing is deleted and the 404 names the missing ones. Each container's chain
 * keeps its rows; a last one records who removed it.
 */
export async function deleteContainers(ids: number[], actor: Actor): Promise<number[]> {
  const unique = [...new Set(ids)];
  if (unique.length > MAX_BULK_DELETE) throw new DomainError("invalid", `ids: at most ${MAX_BULK_DELETE} containers per request`, "ids");
  return inTransaction(async (tx) => {
    // Locked in id order, so two overlapping bulk deletes cannot deadlock.
    const rows = await tx.$queryRaw<{ id: number; name: string; sdi: string | null }[]>`
      select id, name, source_data_identifier as sdi from containers where id = any(${unique}::int[]) order by id for update`;
    const found = new Set(rows.map((r) => r.id));
    const missing = unique.filter((id) => !found.has(id));
    if (missing.length) {
      throw new DomainError("not_found", missing.length === 1 ? `container ${missing[0]} does not exist` : `containers ${missing.join(", ")} do not exist`);
    }
    await tx.container.deleteMany({ where: { id: { in: unique } } });
    for (const row of rows) {
      await appendAudit(tx, actor, {
        action: "container.delete", objectType: "container", objectId: row.id, containerId: row.id,
        detail: { name: row.name, source_data_identifier: row.sdi },
      });
    }
    return rows.map((r) => r.id);
  });
}
