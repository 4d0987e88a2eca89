// Domain records as Phantom's REST API shows them (ground truth: the recorded responses in
// ../shared/fixtures/soar-rest/). Phantom fields Vigil has no concept of yet (tenant, ingest_app,
// kill_chain, workflow phase ...) are present with Phantom's empty values, so clients that read
// them keep working. Lists leave out the heavy `data` field, as Phantom does.
import type { ArtifactRecord } from "../domain/artifacts";
import type { ContainerRecord } from "../domain/containers";
import type { IndicatorRecord } from "../domain/indicators";
import type { CommentRecord, NoteRecord } from "../domain/notes";
import type { AttachmentRecord } from "../domain/vault";
import type { PinRecord } from "../domain/pins";
import type { AuditLog } from "@prisma/client";
import { createHash } from "node:crypto";

/**
 * A time as Phantom writes it: UTC with six fractional digits, `2019-11-30T02:31:24.444543Z`.
 * Clients that parse strictly (Python's `strptime(..., "%Y-%m-%dT%H:%M:%S.%fZ")`) expect the
 * microseconds; JavaScript dates carry milliseconds, so the last three digits are zeros.
 */
export function phantomTime(d: Date | null | undefined): string | null {
  if (!d || Number.isNaN(d.getTime())) return null;
  return d.toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}
const iso = phantomTime;

export function containerToRest(c: ContainerRecord, opts: { detail: boolean }) {
  const out = {
    id: c.id,
    name: c.name,
    description: c.description,
    label: c.label,
    severity: c.severity,
    sensitivity: c.sensitivity,
    status: c.status,
    owner: c.ownerId,
    owner_name: c.ownerName,
    tags: c.tags,
    source_data_identifier: c.sourceDataIdentifier,
    container_type: c.containerType,
    due_time: iso(c.dueTime),
    start_time: iso(c.startTime),
    open_time: iso(c.openTime),
    close_time: iso(c.closeTime),
    end_time: iso(c.closeTime),
    create_time: iso(c.createdAt),
    container_update_time: iso(c.updatedAt),
    artifact_update_time: iso(c.artifactUpdateTime),
    artifact_count: c.artifactCount,
    custom_fields: c.customFields,
    hash: c.hash,
    parent_container: c.parentId,
    in_case: c.containerType === "case" || c.parentId !== null,
    version: 1,
    tenant: 0,
    asset: null,
    ingest_app: null,
    node_guid: null,
    closing_rule_run: null,
    closing_owner: null,
    current_phase: null,
    role: null,
    kill_chain: null,
    workflow_name: "",
  };
  return opts.detail ? { ...out, data: c.data } : out;
}

export function artifactToRest(a: ArtifactRecord, opts: { detail: boolean }) {
  const out = {
    id: a.id,
    container: a.containerId,
    name: a.name,
    label: a.label,
    type: a.type,
    severity: a.severity,
    cef: a.cef,
    cef_types: a.cefTypes,
    tags: a.tags,
    source_data_identifier: a.sourceDataIdentifier,
    hash: a.hash,
    description: a.description,
    start_time: iso(a.startTime),
    end_time: iso(a.endTime),
    create_time: iso(a.createdAt),
    update_time: iso(a.updatedAt),
    run_automation: a.runAutomation,
    in_case: a.inCase,
    has_note: a.hasNote,
    version: 1,
    owner: null,
    ingest_app: null,
    playbook_run: null,
    parent_container: null,
    parent_artifact: null,
    kill_chain: null,
  };
  return opts.detail ? { ...out, data: a.data } : out;
}

/** `_special_contains=True` (indicator_get_by_tag sends it): answer each indicator's contains types. */
export const specialContains = (url: URL) => {
  const v = url.searchParams.get("_special_contains");
  return v !== null && !/^(false|0|none)$/i.test(v.trim());
};

/** An indicator as SOAR answers it; `_special_contains` (its contains types) when the client asks. */
export function indicatorToRest(i: IndicatorRecord, opts: { specialContains?: boolean } = {}) {
  return {
    id: i.id,
    value: i.value,
    value_hash: createHash("sha256").update(i.value).digest("hex"),
    contains: i.types,
    ...(opts.specialContains ? { _special_contains: i.types } : {}),
    tags: i.tags,
    tenant: 0,
    earliest_time: iso(i.firstSeen),
    latest_time: iso(i.lastSeen),
    first_seen: iso(i.firstSeen),
    last_seen: iso(i.lastSeen),
    count: i.count,
    total_events: i.containerCount,
  };
}

export function noteToRest(n: NoteRecord) {
  return {
    id: n.id,
    container: n.containerId,
    title: n.title,
    content: n.content,
    note_type: n.noteType,
    // Vigil's notes are markdown; SOAR names the format per note ("markdown" or "html").
    note_format: "markdown",
    author: n.authorId,
    author_name: n.authorName,
    create_time: iso(n.createdAt),
    modified_time: iso(n.updatedAt),
    artifact: null,
    phase: n.phaseId ?? null,
    task: n.taskId ?? null,
  };
}

export function pinToRest(p: PinRecord) {
  return {
    id: p.id,
    container: p.containerId,
    author: p.authorId,
    author_name: p.authorName,
    name: p.name,
    message: p.message,
    data: p.data,
    pin_type: p.pinType,
    pin_style: p.pinStyle,
    order: p.position,
    playbook: null,
    custom_field: null,
    preset_metric: null,
    create_time: iso(p.createdAt),
    modified_time: iso(p.updatedAt),
  };
}

export function commentToRest(c: CommentRecord) {
  return {
    id: c.id, container: c.containerId, comment: c.content, user: c.authorId, user_name: c.authorName, time: iso(c.createdAt),
  };
}

export function attachmentToRest(a: AttachmentRecord) {
  return {
    id: a.id,
    container: a.containerId,
    container_id: a.containerId,
    name: a.name,
    hash: a.sha256,
    vault_id: a.sha256,
    size: a.size,
    mime_type: a.mimeType,
    metadata: a.metadata,
    user: a.createdById,
    user_name: a.createdByName,
    create_time: iso(a.createdAt),
  };
}

export function auditToRest(r: AuditLog) {
  return {
    id: Number(r.id),
    time: iso(r.at),
    user: r.actorId,
    user_name: r.actorName,
    action: r.action,
    object_type: r.objectType,
    object_id: r.objectId,
    container: r.containerId,
    detail: r.detail,
    hash: r.hash,
    prev_hash: r.prevHash,
  };
}

/** Headers withRest adds to the answer an object carries under this key (JSON leaves symbols out). */
export const REST_HEADERS = Symbol("rest headers");

/**
 * Phantom's list envelope. `x-vigil-count` says whether `count` is exact, an exact count cached
 * for a few seconds, or the planner's estimate (large matches: lib/domain/list-count.ts).
 */
export function listToRest<T, U>(page: { count: number; numPages: number; data: T[]; countKind?: string }, shape: (row: T) => U) {
  return {
    count: page.count, num_pages: page.numPages, data: page.data.map(shape),
    [REST_HEADERS]: { "x-vigil-count": page.countKind ?? "exact" },
  };
}
