// Severities, container statuses and custom CEF fields: small admin-edited lists that every
// ingestion validates against. They are cached in memory for a few seconds so the hot path
// does not read them per request; a miss reloads at once, so a value an administrator has just
// added on another node is accepted on its first use.
import { db } from "../db/client";
import type { Actor } from "./actor";
import { appendAudit } from "./audit";
import { DEFAULT_CEF_FIELDS } from "./cef";
import { DomainError } from "./errors";

export const STATUS_TYPES = ["new", "open", "closed"] as const;
export type StatusType = (typeof STATUS_TYPES)[number];

export interface Taxonomy {
  severities: string[];
  statuses: Map<string, StatusType>;
  customCef: Map<string, string[]>;
}

const TTL_MS = 10_000;
let cached: { at: number; value: Taxonomy } | null = null;

async function load(): Promise<Taxonomy> {
  const [severities, statuses, cef] = await Promise.all([
    db.severity.findMany({ orderBy: [{ position: "asc" }, { id: "asc" }] }),
    db.containerStatus.findMany({ orderBy: { id: "asc" } }),
    db.cefField.findMany({ orderBy: { name: "asc" } }),
  ]);
  const value: Taxonomy = {
    severities: severities.map((s) => s.name),
    statuses: new Map(statuses.map((s) => [s.name, s.statusType as StatusType])),
    customCef: new Map(cef.map((f) => [f.name, f.contains])),
  };
  cached = { at: Date.now(), value };
  return value;
}

export async function taxonomy(): Promise<Taxonomy> {
  if (cached && Date.now() - cached.at < TTL_MS) return cached.value;
  return load();
}

export function invalidateTaxonomy(): void {
  cached = null;
}

/** Resolves values against the lists, reloading once on a miss; throws a 400 naming the field. */
export async function checkTaxonomy(values: { severity?: string[]; status?: string[] }): Promise<Taxonomy> {
  let t = await taxonomy();
  const missing = () =>
    (values.severity ?? []).some((s) => !t.severities.includes(s)) || (values.status ?? []).some((s) => !t.statuses.has(s));
  if (missing()) t = await load();
  for (const s of values.severity ?? []) {
    if (!t.severities.includes(s)) throw new DomainError("invalid", `severity must be one of ${t.severities.join(", ")} (got "${s}")`, "severity");
  }
  for (const s of values.status ?? []) {
    if (!t.statuses.has(s)) throw new DomainError("invalid", `status must be one of ${[...t.statuses.keys()].join(", ")} (got "${s}")`, "status");
  }
  return t;
}

export async function listSeverities() {
  return db.severity.findMany({ orderBy: [{ position: "asc" }, { id: "asc" }] });
}

export async function listContainerStatuses() {
  return db.containerStatus.findMany({ orderBy: { id: "asc" } });
}

export async function addSeverity(input: { name: string; color?: string }, actor: Actor) {
  const t = await load();
  if (t.severities.includes(input.name)) throw new DomainError("conflict", `severity "${input.name}" already exists`, "name");
  const row = await db.$transaction(async (tx) => {
    const created = await tx.severity.create({ data: { name: input.name, color: input.color ?? "gray", position: t.severities.length + 1 } });
    await appendAudit(tx, actor, { action: "severity.create", objectType: "severity", objectId: created.id, detail: { name: input.name } });
    return created;
  });
  invalidateTaxonomy();
  return row;
}

export async function addContainerStatus(input: { name: string; statusType: StatusType }, actor: Actor) {
  const t = await load();
  if (t.statuses.has(input.name)) throw new DomainError("conflict", `status "${input.name}" already exists`, "name");
  const row = await db.$transaction(async (tx) => {
    const created = await tx.containerStatus.create({ data: { name: input.name, statusType: input.statusType } });
    await appendAudit(tx, actor, {
      action: "status.create", objectType: "container_status", objectId: created.id, detail: { ...input },
    });
    return created;
  });
  invalidateTaxonomy();
  return row;
}

export interface CefFieldRow {
  id: number | null;
  name: string;
  contains: string[];
  type: "default" | "custom";
}

/** The default fields followed by the custom ones, sorted by name. */
export async function listCefFields(): Promise<CefFieldRow[]> {
  const custom = await db.cefField.findMany({ orderBy: { name: "asc" } });
  const rows: CefFieldRow[] = Object.entries(DEFAULT_CEF_FIELDS).map(([name, contains]) => ({
    id: null, name, contains: [...contains], type: "default",
  }));
  rows.push(...custom.map((f) => ({ id: f.id, name: f.name, contains: f.contains, type: "custom" as const })));
  return rows.sort((a, b) => a.name.localeCompare(b.name));
}

export async function addCefField(input: { name: string; contains: string[] }, actor: Actor) {
  if (DEFAULT_CEF_FIELDS[input.name]) throw new DomainError("conflict", `"${input.name}" is a default CEF field`, "name");
  const existing = await db.cefField.findUnique({ where: { name: input.name } });
  if (existing) throw new DomainError("conflict", `CEF field "${input.name}" already exists`, "name");
  const row = await db.$transaction(async (tx) => {
    const created = await tx.cefField.create({ data: input });
    await appendAudit(tx, actor, { action: "cef.create", objectType: "cef_field", objectId: created.id, detail: { ...input } });
    return created;
  });
  invalidateTaxonomy();
  return row;
}

export async function deleteCefField(id: number, actor: Actor): Promise<void> {
  const row = await db.cefField.findUnique({ where: { id } });
  if (!row) throw new DomainError("not_found", `custom CEF field ${id} does not exist`);
  await db.$transaction(async (tx) => {
    await tx.cefField.delete({ where: { id } });
    await appendAudit(tx, actor, { action: "cef.delete", objectType: "cef_field", objectId: id, detail: { name: row.name } });
  });
  invalidateTaxonomy();
}
