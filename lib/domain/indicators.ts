// Indicators (IOCs): every CEF value of an indicator type, tracked across containers with when
// it was first and last seen and in how many artifacts. Written by the ingestion path
// (lib/domain/ingest.ts); read and searched here.
import { Prisma } from "@prisma/client";
import { db } from "../db/client";
import type { Actor } from "./actor";
import { appendAudit } from "./audit";
import { DomainError } from "./errors";
import { field, runList, type FieldMap, type ListQuery, type Page } from "./list-query";

export interface IndicatorRecord {
  id: number;
  value: string;
  types: string[];
  firstSeen: Date;
  lastSeen: Date;
  count: number;
  containerCount: number;
  tags: string[];
}

const SELECT = Prisma.sql`i.id, i.value, i.types, i.first_seen as "firstSeen", i.last_seen as "lastSeen", i.count, i.tags,
  (select count(distinct l.container_id)::int from indicator_artifacts l where l.indicator_id = i.id) as "containerCount"`;
const FROM = Prisma.sql`indicators i`;

export const INDICATOR_FIELDS: FieldMap = {
  id: field("i.id", "int", { btree: true, notNull: true }),
  value: field("i.value", "text", { btree: true, trigram: true, notNull: true }),
  types: field("i.types", "text[]", { gin: true }),
  contains: field("i.types", "text[]", { gin: true }),
  first_seen: field("i.first_seen", "time", { btree: true, notNull: true }),
  last_seen: field("i.last_seen", "time", { btree: true, notNull: true }),
  earliest_time: field("i.first_seen", "time", { btree: true, notNull: true }),
  latest_time: field("i.last_seen", "time", { btree: true, notNull: true }),
  count: field("i.count", "int", { btree: true, notNull: true }),
  total_events: field("i.count", "int", { btree: true, notNull: true }),
  tags: field("i.tags", "text[]", { gin: true }),
  // SHA-256 of the value, hex (migration 20261205100200 indexes the expression).
  value_hash: field("vigil_sha256_hex(i.value)", "text", { btree: true, notNull: true }),
};

export function listIndicators(query: ListQuery, containerId?: number): Promise<Page<IndicatorRecord>> {
  return runList<IndicatorRecord>({
    select: SELECT, from: FROM, fields: INDICATOR_FIELDS, query, idColumn: Prisma.sql`i.id`,
    scope: containerId === undefined ? [] : [Prisma.sql`exists (select 1 from indicator_artifacts l where l.indicator_id = i.id and l.container_id = ${containerId})`],
  });
}

export async function getIndicator(id: number): Promise<IndicatorRecord> {
  const rows = await db.$queryRaw<IndicatorRecord[]>`select ${SELECT} from ${FROM} where i.id = ${id}`;
  if (!rows[0]) throw new DomainError("not_found", `indicator ${id} does not exist`);
  return rows[0];
}

export async function findIndicatorByValue(value: string): Promise<IndicatorRecord | null> {
  const rows = await db.$queryRaw<IndicatorRecord[]>`select ${SELECT} from ${FROM} where i.value = ${value}`;
  return rows[0] ?? null;
}

/** Where an indicator was seen: artifact, container and CEF field, newest first. */
export async function indicatorSightings(id: number, limit = 100) {
  return db.indicatorArtifact.findMany({
    where: { indicatorId: id },
    orderBy: { artifactId: "desc" },
    take: limit,
    select: { artifactId: true, containerId: true, field: true },
  });
}

/**
 * Replaces an indicator's tags, as SOAR's POST /rest/indicator/<id> {"tags": [...]} does (the
 * community indicator_tag and indicator_remove_tag custom functions send the whole new list).
 * Duplicates are dropped, the order kept; the audit row says what was added and removed.
 */
export async function setIndicatorTags(id: number, tags: string[], actor: Actor): Promise<IndicatorRecord> {
  const next = [...new Set(tags)];
  await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ tags: string[] }[]>`select tags from indicators where id = ${id} for update`;
    if (!rows[0]) throw new DomainError("not_found", `indicator ${id} does not exist`);
    const before = rows[0].tags;
    await tx.$executeRaw`update indicators set tags = ${next}::text[] where id = ${id}`;
    await appendAudit(tx, actor, {
      action: "indicator.tags", objectType: "indicator", objectId: id,
      detail: { added: next.filter((t) => !before.includes(t)), removed: before.filter((t) => !next.includes(t)), tags: next },
    });
  });
  return getIndicator(id);
}

/**
 * SOAR's /rest/indicator_common_container?indicator_ids=1,2: the containers the indicators were
 * seen in, one row per container with the ids of those indicators it holds, newest first.
 */
export async function indicatorCommonContainers(ids: number[]) {
  if (ids.length === 0) return [];
  return db.$queryRaw<{ container_id: number; container_name: string; indicator_ids: number[] }[]>`
    select c.id as container_id, c.name as container_name, array_agg(distinct l.indicator_id order by l.indicator_id) as indicator_ids
    from indicator_artifacts l join containers c on c.id = l.container_id
    where l.indicator_id = any(${ids}::int[])
    group by c.id, c.name
    order by c.id desc
    limit 10000`;
}
