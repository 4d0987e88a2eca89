// The ingestion hot path: artifacts, their dedup by content hash, the indicators found in their
// CEF values and the links between them, written in ONE statement per container (multi-row
// INSERTs chained through CTEs, ON CONFLICT for dedup and for indicator counts). This is what
// lets one Vigil node take 1,000,000 events an hour; see docs/benchmarks.md.
import { createHash } from "node:crypto";
import { Prisma } from "@prisma/client";
import type { Tx } from "../db/client";
import { canonicalJson } from "./audit";
import { extractIndicators, resolveCefTypes, type CefTypes, type FoundIndicator } from "./cef";
import type { ArtifactFields } from "../schemas/containers";

/**
 * A value seen again moves its last sighting, adds to its count and gains any new types.
 * Callers insert in value order, so concurrent upserts lock rows in the same order.
 */
export const INDICATOR_UPSERT = `on conflict (value) do update set
  last_seen = excluded.last_seen,
  count = indicators.count + excluded.count,
  types = case when excluded.types <@ indicators.types then indicators.types
          else array(select distinct t from unnest(indicators.types || excluded.types) t order by t) end`;

/** Timestamps are stored as UTC in `timestamp` columns, whatever the session's time zone. */
export const NOW_UTC = Prisma.raw("(now() at time zone 'utc')");

export interface PreparedArtifact {
  name: string;
  label: string;
  type: string;
  severity: string;
  cef: Record<string, unknown>;
  cef_types: CefTypes;
  tags: string[];
  sdi: string | null;
  data: Record<string, unknown>;
  description: string;
  run_automation: boolean;
  start_time: string | null;
  end_time: string | null;
  hash: string;
  indicators: FoundIndicator[];
}

/** What makes two artifacts "the same" for dedup: their content, not their times or flags. */
export function artifactHash(a: ArtifactFields): string {
  return createHash("sha256")
    .update(canonicalJson({
      name: a.name, label: a.label, type: a.type, severity: a.severity, cef: a.cef, cef_types: a.cef_types,
      data: a.data, source_data_identifier: a.source_data_identifier ?? null, description: a.description,
    }))
    .digest("hex");
}

/**
 * SOAR's run_automation for artifacts saved together (one container POST, or one container's
 * share of an artifact POST): an artifact's own flag when given, else true for the last one only,
 * so active playbooks start once, after all of them are in. An explicit false never starts them.
 */
export function automationFlags(items: readonly Pick<ArtifactFields, "run_automation">[]): boolean[] {
  return items.map((a, i) => a.run_automation ?? i === items.length - 1);
}

export function prepareArtifact(a: ArtifactFields, customCef: ReadonlyMap<string, readonly string[]>, runAutomation: boolean): PreparedArtifact {
  const cefTypes = resolveCefTypes(a.cef, a.cef_types, customCef);
  return {
    name: a.name, label: a.label, type: a.type, severity: a.severity, cef: a.cef, cef_types: cefTypes,
    tags: a.tags, sdi: a.source_data_identifier ?? null, data: a.data, description: a.description,
    run_automation: runAutomation,
    start_time: a.start_time ? new Date(a.start_time).toISOString() : null,
    end_time: a.end_time ? new Date(a.end_time).toISOString() : null,
    hash: artifactHash(a),
    indicators: extractIndicators(a.cef, cefTypes),
  };
}

export interface InsertedArtifacts {
  /** One entry per input artifact, in order: its id and whether this call created it. */
  results: { id: number; created: boolean }[];
  indicatorCount: number;
}

/**
 * Inserts artifacts into one container (which must exist and be locked or new in this
 * transaction). Identical artifacts (same hash) already in the container are not stored
 * again; their existing ids are returned with created=false.
 */
export async function insertArtifacts(tx: Tx, containerId: number, artifacts: PreparedArtifact[]): Promise<InsertedArtifacts> {
  if (!artifacts.length) return { results: [], indicatorCount: 0 };
  const rows = artifacts.map(({ indicators: _i, ...a }, ord) => ({ ...a, ord }));
  const found = artifacts.flatMap((a) => a.indicators.map((i) => ({ hash: a.hash, field: i.field, value: i.value })));
  const types = new Map<string, Set<string>>();
  for (const a of artifacts) for (const i of a.indicators) {
    const set = types.get(i.value) ?? new Set<string>();
    i.types.forEach((t) => set.add(t));
    types.set(i.value, set);
  }
  const values = [...types].map(([value, t]) => ({ value, types: [...t].sort() }));
  const inserted = await tx.$queryRaw<{ id: number; hash: string }[]>`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(
        ord int, name text, label text, type text, severity text, cef jsonb, cef_types jsonb, tags text[],
        sdi text, data jsonb, description text, run_automation boolean, start_time timestamptz,
        end_time timestamptz, hash text)
    ), ins as (
      insert into artifacts (container_id, name, label, type, severity, cef, cef_types, tags, source_data_identifier,
        data, hash, description, run_automation, start_time, end_time, create_time, update_time)
      select ${containerId}, name, label, type, severity, cef, cef_types, tags, sdi, data, hash, description,
        run_automation, coalesce(start_time at time zone 'utc', ${NOW_UTC}), end_time at time zone 'utc', ${NOW_UTC}, ${NOW_UTC}
      from input order by ord
      on conflict (container_id, hash) do nothing
      returning id, hash
    ), found as (
      select * from jsonb_to_recordset(${JSON.stringify(found)}::jsonb) as y(hash text, field text, value text)
    ), vals as (
      select * from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(value text, types text[])
    ), ind as (
      insert into indicators (value, types, first_seen, last_seen, count)
      select v.value, v.types, ${NOW_UTC}, ${NOW_UTC}, n.n
      from vals v join (
        select f.value, count(distinct ins.id)::int as n from found f join ins using (hash) group by f.value
      ) n using (value)
      order by v.value
      ${Prisma.raw(INDICATOR_UPSERT)}
      returning id, value
    ), links as (
      insert into indicator_artifacts (indicator_id, artifact_id, container_id, field)
      select ind.id, ins.id, ${containerId}, f.field from found f join ins using (hash) join ind using (value)
      on conflict do nothing
    ), bump as (
      update containers set artifact_count = artifact_count + (select count(*) from ins),
        artifact_update_time = ${NOW_UTC}, update_time = ${NOW_UTC}
      where id = ${containerId} and exists (select 1 from ins)
    )
    select id, hash from ins`;
  const byHash = new Map(inserted.map((r) => [r.hash, r.id]));
  const missing = artifacts.filter((a) => !byHash.has(a.hash)).map((a) => a.hash);
  const existing = new Map<string, number>();
  if (missing.length) {
    const rowsFound = await tx.$queryRaw<{ id: number; hash: string }[]>`
      select id, hash from artifacts where container_id = ${containerId} and hash = any(${missing}::text[])`;
    for (const r of rowsFound) existing.set(r.hash, r.id);
  }
  // The first occurrence of a hash in this call is the created one; repeats within the call are duplicates.
  const claimed = new Set<string>();
  const results = artifacts.map((a) => {
    const newId = byHash.get(a.hash);
    if (newId !== undefined && !claimed.has(a.hash)) {
      claimed.add(a.hash);
      return { id: newId, created: true };
    }
    return { id: newId ?? existing.get(a.hash)!, created: false };
  });
  return { results, indicatorCount: values.length };
}
