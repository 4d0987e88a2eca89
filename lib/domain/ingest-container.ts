// Creating a container with its artifacts, the hottest path in Vigil, in one round trip: ids
// come from blocks reserved in advance (./id-blocks.ts), and one atomic statement writes the container, its artifacts, their
// indicators and links, the label, the audit row and its chain's anchor (data-modifying CTEs; a single statement
// is its own transaction). Knowing the ids up front is what lets the audit row, whose hash
// covers them, be part of that statement. Profiled and measured in docs/benchmarks.md.
import { createHash } from "node:crypto";
import type { NewContainer } from "../schemas/containers";
import { sql, sqlPool } from "../db/sql";
import { idBlocks } from "./id-blocks";
import type { Actor } from "./actor";
import { auditHash as hashOf, canonicalJson, chainOf, GENESIS } from "./audit";
import { auditKey, headMac } from "./audit-anchor";
import { DomainError } from "./errors";
import { INDICATOR_UPSERT, type PreparedArtifact } from "./ingest";
import { pgCode } from "./transactions";
import { IN_REQUEST_RETRY_MS, pause, safeToRepeat, transientKind } from "../db/transient";

const NOW = "(now() at time zone 'utc')";

const STATEMENT = `
with l as (insert into labels (name) values ($2) on conflict (name) do nothing),
c as (
  insert into containers (id, name, description, label, severity, sensitivity, status, owner_id, tags,
    source_data_identifier, container_type, due_time, start_time, open_time, close_time, custom_fields, data, hash,
    artifact_count, artifact_update_time, create_time, update_time, run_automation)
  values ($1, $3, $4, $2, $5, $6, $7, $8, $9::text[], $10, $11,
    coalesce($12::timestamptz at time zone 'utc', ${NOW} + $13::interval),
    coalesce($14::timestamptz at time zone 'utc', ${NOW}),
    case when $15 in ('open', 'closed') then ${NOW} end, case when $15 = 'closed' then ${NOW} end,
    $16::jsonb, $17::jsonb, $18, $19, case when $19 > 0 then ${NOW} end, ${NOW}, ${NOW}, $31)
  on conflict (source_data_identifier) do nothing
  returning id
),
a as (
  insert into artifacts (id, container_id, name, label, type, severity, cef, cef_types, tags, source_data_identifier,
    data, hash, description, run_automation, start_time, end_time, create_time, update_time)
  select x.id, c.id, x.name, x.label, x.type, x.severity, x.cef, x.cef_types, x.tags, x.sdi, x.data, x.hash,
    x.description, x.run_automation, coalesce(x.start_time at time zone 'utc', ${NOW}), x.end_time at time zone 'utc', ${NOW}, ${NOW}
  from jsonb_to_recordset($20::jsonb) as x(id int, name text, label text, type text, severity text, cef jsonb,
    cef_types jsonb, tags text[], sdi text, data jsonb, hash text, description text, run_automation boolean,
    start_time timestamptz, end_time timestamptz)
  cross join c
  on conflict (container_id, hash) do nothing
  returning id
),
i as (
  insert into indicators (value, types, first_seen, last_seen, count)
  select v.value, v.types, ${NOW}, ${NOW}, v.n
  from jsonb_to_recordset($21::jsonb) as v(value text, types text[], n int) cross join c
  order by v.value
  ${INDICATOR_UPSERT}
  returning id, value
),
k as (
  insert into indicator_artifacts (indicator_id, artifact_id, container_id, field)
  select i.id, f.artifact_id, c.id, f.field
  from jsonb_to_recordset($22::jsonb) as f(artifact_id int, field text, value text) join i using (value) cross join c
  on conflict do nothing
),
au as (
  insert into audit_log (at, actor_id, actor_name, action, object_type, object_id, container_id, detail, chain, prev_hash, hash)
  select $23::timestamptz at time zone 'utc', $24, $25, 'container.create', 'container', c.id::text, c.id, $26::jsonb,
    $27, $28, $29
  from c
),
an as (insert into audit_heads (chain, head_hash, mac) select $27, $29, $30 from c)
select id from c`;

export interface IngestOptions {
  ownerId: number | null;
  statusType: string | undefined;
}

/** Writes a new container; returns null when its source_data_identifier exists already. */
export async function ingestContainer(
  input: NewContainer, artifacts: PreparedArtifact[], opts: IngestOptions, actor: Actor,
): Promise<{ id: number; artifactIds: number[] } | { existingId: number }> {
  // Identical artifacts within one event are stored once; later duplicates map to the first.
  const unique = new Map<string, number>();
  artifacts.forEach((a, i) => unique.has(a.hash) || unique.set(a.hash, i));
  const kept = [...unique.values()].map((i) => artifacts[i]!);
  const [containerIds, artifactIdList] = await Promise.all([idBlocks().containers.take(1), idBlocks().artifacts.take(kept.length)]);
  const containerId = containerIds[0]!;
  const artifactIdByHash = new Map(kept.map((a, i) => [a.hash, artifactIdList[i]!]));
  const rows = kept.map(({ indicators: _i, ...a }) => ({ ...a, id: artifactIdByHash.get(a.hash) }));
  const values = new Map<string, { types: Set<string>; n: number }>();
  const links: { artifact_id: number; field: string; value: string }[] = [];
  for (const a of kept) {
    const seenHere = new Set<string>();
    for (const found of a.indicators) {
      const v = values.get(found.value) ?? { types: new Set<string>(), n: 0 };
      found.types.forEach((t) => v.types.add(t));
      if (!seenHere.has(found.value)) v.n++;
      seenHere.add(found.value);
      values.set(found.value, v);
      links.push({ artifact_id: artifactIdByHash.get(a.hash)!, field: found.field, value: found.value });
    }
  }
  const indicatorRows = [...values].map(([value, v]) => ({ value, types: [...v.types].sort(), n: v.n }));
  const { artifacts: _a, run_automation: _r, ...identity } = input;
  const hash = createHash("sha256").update(canonicalJson(identity)).digest("hex");
  const artifactIds = kept.map((a) => artifactIdByHash.get(a.hash)!);
  const detail = { name: input.name, label: input.label, source_data_identifier: input.source_data_identifier ?? null, artifact_ids: artifactIds };
  const at = new Date().toISOString();
  const chain = chainOf(containerId);
  const auditRow = {
    at, actorId: actor.id, actorName: actor.name, action: "container.create", objectType: "container",
    objectId: String(containerId), containerId, detail,
  };
  const auditHash = hashOf(GENESIS, auditRow);
  const params = [
    containerId, input.label, input.name, input.description, input.severity, input.sensitivity, input.status,
    opts.ownerId, input.tags, input.source_data_identifier ?? null, input.container_type,
    // No due time given: the database sets it from the severity's response SLA (trigger containers_due_time).
    input.due_time ? new Date(input.due_time).toISOString() : null, null,
    input.start_time ? new Date(input.start_time).toISOString() : null, opts.statusType ?? "new",
    JSON.stringify(input.custom_fields), JSON.stringify(input.data), hash, kept.length,
    JSON.stringify(rows), JSON.stringify(indicatorRows), JSON.stringify(links),
    at, actor.id, actor.name, JSON.stringify(detail), chain, GENESIS, auditHash, headMac(auditKey(), chain, auditHash),
    // Whether the container starts playbooks (the insert trigger reads it): with artifacts, when
    // one of them does; without, its own run_automation, unset meaning yes.
    artifacts.length > 0 ? artifacts.some((a) => a.run_automation) : (input.run_automation ?? true),
  ];
  let retriedFault = false;
  for (let attempt = 1; ; attempt++) {
    try {
      // Named: each pooled connection parses and plans it once, then only binds parameters.
      const result = await sqlPool().query<{ id: number }>({ name: "vigil_ingest_container", text: STATEMENT, values: params });
      if (result.rows.length) {
        return { id: containerId, artifactIds: artifacts.map((a) => artifactIdByHash.get(a.hash)!) };
      }
      break;
    } catch (err) {
      const code = pgCode(err);
      // Two events upserting the same indicators in one instant can deadlock; PostgreSQL
      // aborts one statement, which changed nothing, so running it again is safe.
      if ((code === "40P01" || code === "40001") && attempt < 4) continue;
      if (code === "23503") throw new DomainError("invalid", "owner_id: the user no longer exists", "owner_id");
      // The database restarted or cut the connection. Once, after a pause, the statement runs
      // again when that cannot write twice: it never reached the server, or the container has a
      // source_data_identifier (then a first attempt that did commit is found below by its id).
      const kind = transientKind(err);
      if (kind && kind !== "slow" && !retriedFault && (safeToRepeat(kind) || input.source_data_identifier)) {
        retriedFault = true;
        await pause(IN_REQUEST_RETRY_MS);
        continue;
      }
      throw err;
    }
  }
  const [existing] = await sql<{ id: number }>("select id from containers where source_data_identifier = $1", [input.source_data_identifier]);
  if (!existing) throw new DomainError("conflict", "the container with this source_data_identifier was just deleted: retry");
  // Ids are reserved before the first attempt, so finding our own id means that attempt
  // committed and only its answer was lost: this request created the container.
  if (retriedFault && existing.id === containerId) {
    return { id: containerId, artifactIds: artifacts.map((a) => artifactIdByHash.get(a.hash)!) };
  }
  return { existingId: existing.id };
}
