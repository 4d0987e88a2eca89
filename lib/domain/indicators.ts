// Indicators (IOCs): every CEF value of an indicator type, tracked across containers with when
// it was first and last seen and in how many artifacts. Written by the ingestion path
// (lib/domain/ingest.ts); read and searched here.
import { Prisma } from "@prisma/client";
import { db } from "../db/client";
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
}

const SELECT = Prisma.sql`i.id, i.value, i.types, i.first_seen as "firstSeen", i.last_seen as "lastSeen", i.count,
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
