// Workbook templates (SOAR's workbook_template and workbook_phase_template): phases of tasks
// that administrators edit and that are copied onto containers, by label when a container is
// created (the database trigger vigil_container_created) or by hand (./container-workbooks.ts).
// A template is saved whole: its phases and tasks are replaced in one transaction, so an
// edit is never half applied and the order the editor shows is the order stored.
import { Prisma, type WorkbookPhaseTemplate, type WorkbookTaskTemplate, type WorkbookTemplate } from "@prisma/client";
import { db, type Tx } from "../../db/client";
import type { PhaseTemplateInput, WorkbookTemplateInput } from "../../schemas/workbooks";
import type { Actor } from "../actor";
import { appendAudit } from "../audit";
import { DomainError } from "../errors";
import { field, runList, type FieldMap, type ListQuery, type Page } from "../list-query";
import { inTransaction } from "../transactions";

export type PhaseTemplateRecord = WorkbookPhaseTemplate & { tasks: WorkbookTaskTemplate[] };
export type TemplateRecord = WorkbookTemplate & { phases: PhaseTemplateRecord[] };

const WITH_PHASES = {
  phases: { orderBy: [{ order: "asc" as const }, { id: "asc" as const }], include: { tasks: { orderBy: [{ order: "asc" as const }, { id: "asc" as const }] } } },
};

export const TEMPLATE_FIELDS: FieldMap = {
  id: field("t.id", "int"),
  name: field("t.name", "text"),
  description: field("t.description", "text"),
  is_default: field("t.is_default", "bool"),
  is_note_required: field("t.is_note_required", "bool"),
  status: field("t.status", "text"),
  creator: field("t.creator", "int"),
  create_time: field("t.create_time", "time"),
  modified_time: field("t.modified_time", "time"),
};

export async function listTemplates(query: ListQuery): Promise<Page<TemplateRecord>> {
  const page = await runList<{ id: number }>({
    select: Prisma.sql`t.id`, from: Prisma.sql`workbook_templates t`, fields: TEMPLATE_FIELDS, query, idColumn: Prisma.sql`t.id`,
  });
  const rows = await db.workbookTemplate.findMany({ where: { id: { in: page.data.map((r) => r.id) } }, include: WITH_PHASES });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { ...page, data: page.data.map((r) => byId.get(r.id)!).filter(Boolean) };
}

export async function getTemplate(id: number): Promise<TemplateRecord> {
  const t = await db.workbookTemplate.findUnique({ where: { id }, include: WITH_PHASES });
  if (!t) throw new DomainError("not_found", `workbook template ${id} does not exist`);
  return t;
}

async function checkOwners(input: WorkbookTemplateInput | PhaseTemplateInput[]): Promise<void> {
  const phases = Array.isArray(input) ? input : input.phases;
  const ids = [...new Set(phases.flatMap((p) => p.tasks.map((t) => t.owner).filter((o): o is number => typeof o === "number")))];
  if (ids.length === 0) return;
  const found = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true } });
  const missing = ids.filter((i) => !found.some((u) => u.id === i));
  if (missing.length) throw new DomainError("invalid", `phases: task owner ${missing[0]} is not a user`, "owner");
}

async function writePhases(tx: Tx, templateId: number, phases: PhaseTemplateInput[], firstOrder = 1): Promise<void> {
  for (const [i, p] of phases.entries()) {
    const phase = await tx.workbookPhaseTemplate.create({ data: { templateId, name: p.name, order: p.order ?? firstOrder + i, sla: p.sla } });
    if (p.tasks.length === 0) continue;
    await tx.workbookTaskTemplate.createMany({
      data: p.tasks.map((t, j) => ({
        phaseTemplateId: phase.id, name: t.name, description: t.description, order: t.order ?? j + 1, ownerId: t.owner ?? null,
        role: t.role ?? null, isNoteRequired: t.is_note_required, sla: t.sla, suggestions: t.suggestions as Prisma.InputJsonObject,
      })),
    });
  }
}

const duplicate = (name: string) => new DomainError("conflict", `a workbook template named "${name}" already exists`, "name");

export async function createTemplate(input: WorkbookTemplateInput, actor: Actor): Promise<TemplateRecord> {
  await checkOwners(input);
  const id = await inTransaction(async (tx) => {
    const t = await tx.workbookTemplate.create({
      data: { name: input.name, description: input.description, isDefault: input.is_default, isNoteRequired: input.is_note_required, labels: input.labels, creatorId: actor.id },
    });
    await writePhases(tx, t.id, input.phases);
    if (input.is_default) await tx.workbookTemplate.updateMany({ where: { id: { not: t.id }, isDefault: true }, data: { isDefault: false } });
    await appendAudit(tx, actor, { action: "workbook_template.create", objectType: "workbook_template", objectId: t.id, detail: { name: t.name, phases: input.phases.length } });
    return t.id;
  }, { violations: { "23505": duplicate(input.name) } });
  return getTemplate(id);
}

/** Replaces a template whole (name, flags, labels, phases and tasks in their order). */
export async function saveTemplate(id: number, input: WorkbookTemplateInput, actor: Actor): Promise<TemplateRecord> {
  await checkOwners(input);
  await inTransaction(async (tx) => {
    const found = await tx.workbookTemplate.findUnique({ where: { id }, select: { id: true } });
    if (!found) throw new DomainError("not_found", `workbook template ${id} does not exist`);
    await tx.workbookTemplate.update({
      where: { id }, data: { name: input.name, description: input.description, isDefault: input.is_default, isNoteRequired: input.is_note_required, labels: input.labels },
    });
    await tx.workbookPhaseTemplate.deleteMany({ where: { templateId: id } });
    await writePhases(tx, id, input.phases);
    if (input.is_default) await tx.workbookTemplate.updateMany({ where: { id: { not: id }, isDefault: true }, data: { isDefault: false } });
    await appendAudit(tx, actor, { action: "workbook_template.update", objectType: "workbook_template", objectId: id, detail: { name: input.name, phases: input.phases.length } });
  }, { violations: { "23505": duplicate(input.name) } });
  return getTemplate(id);
}

/** Only the fields given change (REST's POST /rest/workbook_template/<id>); phases stay unless sent. */
export async function patchTemplate(id: number, patch: Partial<WorkbookTemplateInput>, actor: Actor): Promise<TemplateRecord> {
  const current = await getTemplate(id);
  return saveTemplate(id, {
    name: patch.name ?? current.name, description: patch.description ?? current.description,
    is_default: patch.is_default ?? current.isDefault, is_note_required: patch.is_note_required ?? current.isNoteRequired,
    labels: patch.labels ?? current.labels, phases: patch.phases ?? current.phases.map(phaseInput),
  }, actor);
}

function phaseInput(p: PhaseTemplateRecord): PhaseTemplateInput {
  return {
    name: p.name, order: p.order, sla: p.sla,
    tasks: p.tasks.map((t) => ({
      name: t.name, description: t.description, order: t.order, owner: t.ownerId, role: t.role,
      is_note_required: t.isNoteRequired, sla: t.sla, suggestions: t.suggestions as PhaseTemplateInput["tasks"][number]["suggestions"],
    })),
  };
}

export async function deleteTemplate(id: number, actor: Actor): Promise<void> {
  await inTransaction(async (tx) => {
    const t = await tx.workbookTemplate.findUnique({ where: { id }, select: { name: true } });
    if (!t) throw new DomainError("not_found", `workbook template ${id} does not exist`);
    await tx.workbookTemplate.delete({ where: { id } });
    await appendAudit(tx, actor, { action: "workbook_template.delete", objectType: "workbook_template", objectId: id, detail: { name: t.name } });
  });
}

export type PhaseTemplateRow = PhaseTemplateRecord & { templateName: string };

export const PHASE_TEMPLATE_FIELDS: FieldMap = {
  id: field("p.id", "int"),
  name: field("p.name", "text"),
  order: field("p.order", "int"),
  template: field("p.template_id", "int"),
  template_id: field("p.template_id", "int"),
  sla: field("p.sla", "int"),
};

export async function listPhaseTemplates(query: ListQuery): Promise<Page<PhaseTemplateRecord>> {
  const q = query.sort ? query : { ...query, sort: "order", order: "asc" as const };
  const page = await runList<{ id: number }>({
    select: Prisma.sql`p.id`, from: Prisma.sql`workbook_phase_templates p`, fields: PHASE_TEMPLATE_FIELDS, query: q, idColumn: Prisma.sql`p.id`,
  });
  const rows = await db.workbookPhaseTemplate.findMany({ where: { id: { in: page.data.map((r) => r.id) } }, include: WITH_PHASES.phases.include });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { ...page, data: page.data.map((r) => byId.get(r.id)!).filter(Boolean) };
}

export async function getPhaseTemplate(id: number): Promise<PhaseTemplateRecord> {
  const p = await db.workbookPhaseTemplate.findUnique({ where: { id }, include: WITH_PHASES.phases.include });
  if (!p) throw new DomainError("not_found", `workbook phase template ${id} does not exist`);
  return p;
}

/** Adds one phase (with its tasks) at the end of a template, or at `order`. */
export async function addPhaseTemplate(templateId: number, input: PhaseTemplateInput, actor: Actor): Promise<PhaseTemplateRecord> {
  await checkOwners([input]);
  const id = await inTransaction(async (tx) => {
    const t = await tx.workbookTemplate.findUnique({ where: { id: templateId }, include: { phases: { select: { order: true } } } });
    if (!t) throw new DomainError("invalid", `template: workbook template ${templateId} does not exist`, "template");
    const next = Math.max(0, ...t.phases.map((p) => p.order)) + 1;
    await writePhases(tx, templateId, [input], next);
    await tx.workbookTemplate.update({ where: { id: templateId }, data: { updatedAt: new Date() } });
    await appendAudit(tx, actor, { action: "workbook_template.update", objectType: "workbook_template", objectId: templateId, detail: { added_phase: input.name } });
    const created = await tx.workbookPhaseTemplate.findFirst({ where: { templateId }, orderBy: { id: "desc" }, select: { id: true } });
    return created!.id;
  });
  return getPhaseTemplate(id);
}
