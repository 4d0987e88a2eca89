// Artifacts: the pieces of information in a container (CEF fields, typed). Adding them updates
// the container's artifact count and the indicators found in their values.
import { Prisma } from "@prisma/client";
import { db, type Tx } from "../db/client";
import type { ArtifactUpdate, NewArtifact } from "../schemas/containers";
import type { Actor } from "./actor";
import { appendAudit } from "./audit";
import { DomainError } from "./errors";
import { automationFlags, insertArtifacts, prepareArtifact, type PreparedArtifact } from "./ingest";
import { field, runList, type FieldMap, type ListQuery, type Page } from "./list-query";
import { resolveCefTypes } from "./cef";
import { lockContainer } from "./containers";
import { checkTaxonomy } from "./taxonomy";
import { inTransaction } from "./transactions";

export interface ArtifactRecord {
  id: number;
  containerId: number;
  name: string;
  label: string;
  type: string;
  severity: string;
  cef: Prisma.JsonValue;
  cefTypes: Prisma.JsonValue;
  tags: string[];
  sourceDataIdentifier: string | null;
  data: Prisma.JsonValue;
  hash: string;
  description: string;
  startTime: Date;
  endTime: Date | null;
  runAutomation: boolean;
  inCase: boolean;
  hasNote: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const SELECT = Prisma.sql`a.id, a.container_id as "containerId", a.name, a.label, a.type, a.severity, a.cef,
  a.cef_types as "cefTypes", a.tags, a.source_data_identifier as "sourceDataIdentifier", a.data, a.hash,
  a.description, a.start_time as "startTime", a.end_time as "endTime", a.run_automation as "runAutomation",
  (c.container_type = 'case' or c.parent_container_id is not null) as "inCase", false as "hasNote",
  a.create_time as "createdAt", a.update_time as "updatedAt"`;
const FROM = Prisma.sql`artifacts a join containers c on c.id = a.container_id`;

export const ARTIFACT_FIELDS: FieldMap = {
  id: field("a.id", "int", { btree: true, notNull: true }),
  container: field("a.container_id", "int", { btree: true, notNull: true }),
  container_id: field("a.container_id", "int", { btree: true, notNull: true }),
  name: field("a.name", "text", { trigram: true, notNull: true }),
  label: field("a.label", "text", { notNull: true }),
  type: field("a.type", "text", { notNull: true }),
  severity: field("a.severity", "text", { notNull: true }),
  tags: field("a.tags", "text[]"),
  source_data_identifier: field("a.source_data_identifier", "text", { btree: true }),
  hash: field("a.hash", "text", { notNull: true }),
  description: field("a.description", "text", { notNull: true }),
  start_time: field("a.start_time", "time", { notNull: true }),
  end_time: field("a.end_time", "time"),
  create_time: field("a.create_time", "time", { notNull: true }),
  update_time: field("a.update_time", "time", { notNull: true }),
  run_automation: field("a.run_automation", "bool", { notNull: true }),
  cef: field("a.cef", "json", { trigram: true }),
  cef_types: field("a.cef_types", "json"),
  data: field("a.data", "json"),
};

export type ArtifactResult = { id: number; created: boolean; containerId: number };

/**
 * Adds artifacts, possibly to several containers, all or nothing: an unknown container or an
 * unknown severity refuses the whole request before anything is written.
 */
export async function createArtifacts(items: NewArtifact[], actor: Actor): Promise<ArtifactResult[]> {
  const t = await checkTaxonomy({ severity: items.map((a) => a.severity) });
  const byContainer = new Map<number, number[]>();
  items.forEach((a, i) => byContainer.set(a.container_id, [...(byContainer.get(a.container_id) ?? []), i]));
  // Unset run_automation: true for the last artifact of each container in the request.
  const flags = new Array<boolean>(items.length);
  for (const indexes of byContainer.values()) automationFlags(indexes.map((i) => items[i]!)).forEach((f, k) => (flags[indexes[k]!] = f));
  const prepared = items.map((a, i) => prepareArtifact(a, t.customCef, flags[i]!));
  return inTransaction(async (tx) => {
    const results: ArtifactResult[] = new Array(items.length);
    // Containers in id order, so two bulk requests never lock them in opposite orders.
    for (const containerId of [...byContainer.keys()].sort((a, b) => a - b)) {
      const indexes = byContainer.get(containerId)!;
      const added = await addToContainer(tx, containerId, indexes.map((i) => prepared[i]!), actor);
      indexes.forEach((i, k) => (results[i] = { ...added[k]!, containerId }));
    }
    return results;
  });
}

/** Adds prepared artifacts to one container inside the caller's transaction, with the audit row. */
async function addToContainer(tx: Tx, containerId: number, prepared: PreparedArtifact[], actor: Actor) {
  await lockContainer(tx, containerId).catch((err: unknown) => {
    if (err instanceof DomainError) throw new DomainError("invalid", `container_id: container ${containerId} does not exist`, "container_id");
    throw err;
  });
  const added = await insertArtifacts(tx, containerId, prepared);
  const created = added.results.filter((r) => r.created).map((r) => r.id);
  if (created.length) {
    await appendAudit(tx, actor, {
      action: "artifact.create", objectType: "artifact", objectId: created.length === 1 ? created[0] : null,
      containerId, detail: { artifact_ids: created },
    });
  }
  return added.results;
}

/** One artifact added by a playbook step, in the step's transaction (lib/domain/playbook-effects.ts). */
export async function addArtifactInTx(tx: Tx, item: NewArtifact, actor: Actor): Promise<void> {
  const t = await checkTaxonomy({ severity: [item.severity] });
  await addToContainer(tx, item.container_id, [prepareArtifact(item, t.customCef, item.run_automation ?? false)], actor);
}

export async function findArtifact(id: number): Promise<ArtifactRecord | null> {
  const rows = await db.$queryRaw<ArtifactRecord[]>`select ${SELECT} from ${FROM} where a.id = ${id}`;
  return rows[0] ?? null;
}

export async function getArtifact(id: number): Promise<ArtifactRecord> {
  const row = await findArtifact(id);
  if (!row) throw new DomainError("not_found", `artifact ${id} does not exist`);
  return row;
}

export function listArtifacts(query: ListQuery, containerId?: number): Promise<Page<ArtifactRecord>> {
  return runList<ArtifactRecord>({
    select: SELECT, from: FROM, fields: ARTIFACT_FIELDS, query, idColumn: Prisma.sql`a.id`,
    scope: containerId === undefined ? [] : [Prisma.sql`a.container_id = ${containerId}`],
  });
}

/**
 * Edits an artifact. Indicators already extracted stay (they record what was seen); values new
 * to the cef are not extracted again here; a re-ingested artifact is how new values arrive.
 */
export async function updateArtifact(id: number, patch: ArtifactUpdate, actor: Actor): Promise<ArtifactRecord> {
  const t = await checkTaxonomy({ severity: patch.severity ? [patch.severity] : [] });
  await inTransaction(async (tx) => {
    const row = await tx.artifact.findUnique({ where: { id }, select: { containerId: true, cef: true, cefTypes: true } });
    if (!row) throw new DomainError("not_found", `artifact ${id} does not exist`);
    const cef = (patch.cef ?? row.cef) as Record<string, unknown>;
    const cefTypes = patch.cef || patch.cef_types
      ? resolveCefTypes(cef, patch.cef_types ?? (row.cefTypes as Record<string, string[]>), t.customCef)
      : undefined;
    await tx.artifact.update({
      where: { id },
      data: {
        name: patch.name, label: patch.label, type: patch.type, severity: patch.severity, tags: patch.tags,
        description: patch.description, cef: patch.cef as Prisma.InputJsonObject | undefined,
        cefTypes, data: patch.data as Prisma.InputJsonObject | undefined,
      },
    });
    await appendAudit(tx, actor, {
      action: "artifact.update", objectType: "artifact", objectId: id, containerId: row.containerId,
      detail: { fields: Object.keys(patch) },
    });
  }, { violations: { "23505": new DomainError("conflict", "an identical artifact already exists in this container") } });
  return getArtifact(id);
}

export async function deleteArtifact(id: number, actor: Actor): Promise<void> {
  await inTransaction(async (tx) => {
    const row = await tx.artifact.findUnique({ where: { id }, select: { containerId: true, name: true } });
    if (!row) throw new DomainError("not_found", `artifact ${id} does not exist`);
    await lockContainer(tx, row.containerId);
    await tx.artifact.delete({ where: { id } });
    await tx.container.update({ where: { id: row.containerId }, data: { artifactCount: { decrement: 1 } } });
    await appendAudit(tx, actor, {
      action: "artifact.delete", objectType: "artifact", objectId: id, containerId: row.containerId, detail: { name: row.name },
    });
  });
}
