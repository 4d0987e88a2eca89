// The console's indicator list and indicator page. The list pages by keyset (last seen, id) so
// page 1,000 costs what page 1 costs with millions of indicators, and counts only up to a cap:
// an exact count of a broad filter would scan the whole table on every page.
import { Prisma } from "@prisma/client";
import { db } from "../db/client";
import { INDICATOR_TYPES } from "./cef";
import { getIndicator, type IndicatorRecord } from "./indicators";

export const COUNT_CAP = 10_000;

export interface IndicatorFilter {
  type?: string;
  /** Part of the value, any case. */
  value?: string;
  /** Keyset cursor: the last row of the previous page. */
  after?: { lastSeen: Date; id: number };
  pageSize: number;
}

/** A list row: the record without its per-row container count, which the list does not show. */
export type IndicatorRow = Omit<IndicatorRecord, "containerCount">;

export interface IndicatorPage {
  rows: IndicatorRow[];
  /** Matching indicators, counted up to COUNT_CAP (then `capped`). */
  total: number;
  capped: boolean;
  /** Cursor of the next page, or null on the last one. */
  next: { lastSeen: Date; id: number } | null;
}

function where(f: IndicatorFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`true`];
  if (f.type) parts.push(Prisma.sql`i.types @> array[${f.type}]::text[]`);
  if (f.value) parts.push(Prisma.sql`i.value ilike ${`%${f.value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  return Prisma.join(parts, " and ");
}

export async function browseIndicators(f: IndicatorFilter): Promise<IndicatorPage> {
  const filter = where(f);
  const keyset = f.after
    ? Prisma.sql`and (i.last_seen, i.id) < (${f.after.lastSeen.toISOString()}::timestamptz at time zone 'utc', ${f.after.id})`
    : Prisma.empty;
  const [rows, counted] = await Promise.all([
    db.$queryRaw<IndicatorRow[]>`
      select i.id, i.value, i.types, i.first_seen as "firstSeen", i.last_seen as "lastSeen", i.count
      from indicators i where ${filter} ${keyset}
      order by i.last_seen desc, i.id desc limit ${f.pageSize + 1}`,
    db.$queryRaw<{ n: number }[]>`select count(*)::int as n from (select 1 from indicators i where ${filter} limit ${COUNT_CAP + 1}) x`,
  ]);
  const page = rows.slice(0, f.pageSize);
  const last = page[page.length - 1];
  const n = counted[0]!.n;
  return {
    rows: page, total: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP,
    next: rows.length > f.pageSize && last ? { lastSeen: last.lastSeen, id: last.id } : null,
  };
}

/** The filter's choices: every type that makes a value an indicator (a constant, so no scan). */
export function indicatorTypes(): string[] {
  return [...INDICATOR_TYPES].sort();
}

export interface Sighting {
  artifactId: number;
  artifactName: string;
  field: string;
  containerId: number;
  containerName: string;
  severity: string;
  status: string;
  seenAt: Date;
}

export interface IndicatorDetail {
  indicator: IndicatorRecord;
  sightings: Sighting[];
  /** Artifacts (rows) in all, for paging. */
  total: number;
  page: number;
  pageSize: number;
}

/** One indicator and one page of the artifacts (with their containers) where it was seen, newest first. */
export async function indicatorDetail(id: number, page: number, pageSize = 50): Promise<IndicatorDetail> {
  const indicator = await getIndicator(id);
  const [sightings, total] = await Promise.all([
    db.$queryRaw<Sighting[]>`
      select l.artifact_id as "artifactId", a.name as "artifactName", l.field, l.container_id as "containerId",
        c.name as "containerName", c.severity, c.status, a.create_time as "seenAt"
      from indicator_artifacts l join artifacts a on a.id = l.artifact_id join containers c on c.id = l.container_id
      where l.indicator_id = ${id} order by l.artifact_id desc, l.field limit ${pageSize} offset ${page * pageSize}`,
    db.$queryRaw<{ n: number }[]>`select count(*)::int as n from indicator_artifacts where indicator_id = ${id}`,
  ]);
  return { indicator, sightings, total: total[0]!.n, page, pageSize };
}
