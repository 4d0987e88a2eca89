// The workbooks of one container: phases and tasks copied from templates, which analysts (and
// playbooks, through /rest/workbook_task) move between incomplete (0), in progress (2) and
// complete (1), assign and annotate. Each change is one transaction with its audit row on the
// container's chain; a task whose template requires a note cannot be completed without one.
import { Prisma, type WorkbookPhase, type WorkbookTask } from "@prisma/client";
import { ROLES, isRole } from "../../auth/permissions";
import { db, type Tx } from "../../db/client";
import { TASK_STATUS_NAMES, type TaskUpdate } from "../../schemas/workbooks";
import type { Actor } from "../actor";
import { appendAudit } from "../audit";
import { DomainError } from "../errors";
import { field, runList, type FieldMap, type ListQuery, type Page } from "../list-query";
import { insertNote } from "../notes";
import { notifyUsers } from "../notifications";
import { inTransaction } from "../transactions";

export type TaskRecord = WorkbookTask & { ownerName: string | null; noteIds: number[] };
export type PhaseRecord = WorkbookPhase & { tasks: TaskRecord[] };

const TASK_SELECT = Prisma.sql`t.*, u.username as "ownerName",
  coalesce((select array_agg(n.id order by n.id) from notes n where n.task_id = t.id), '{}') as "noteIds"`;
const TASK_FROM = Prisma.sql`workbook_tasks t left join users u on u.id = t.owner_id`;

/** Raw rows come back snake_case; the records use Prisma's names. */
type TaskRow = Record<string, unknown>;
function taskFromRow(r: TaskRow): TaskRecord {
  return {
    id: r.id as number, containerId: r.container_id as number, phaseId: r.phase_id as number, name: r.name as string,
    description: r.description as string, order: r.order as number, ownerId: r.owner_id as number | null, role: r.role as string | null,
    status: r.status as number, isNoteRequired: r.is_note_required as boolean, sla: r.sla as number | null,
    dueTime: r.due_time as Date | null, slaBreached: r.sla_breached as boolean, suggestions: r.suggestions as Prisma.JsonValue,
    startTime: r.start_time as Date | null, endTime: r.end_time as Date | null, completedById: r.completed_by as number | null,
    createdAt: r.create_time as Date, updatedAt: r.modified_time as Date, ownerName: r.ownerName as string | null, noteIds: (r.noteIds as number[]) ?? [],
  };
}

export const TASK_FIELDS: FieldMap = {
  id: field("t.id", "int"),
  container: field("t.container_id", "int"),
  container_id: field("t.container_id", "int"),
  phase: field("t.phase_id", "int"),
  phase_id: field("t.phase_id", "int"),
  name: field("t.name", "text"),
  status: field("t.status", "int"),
  owner: field("t.owner_id", "int"),
  order: field("t.order", "int"),
  is_note_required: field("t.is_note_required", "bool"),
  sla_breached: field("t.sla_breached", "bool"),
  due_time: field("t.due_time", "time"),
  create_time: field("t.create_time", "time"),
  modified_time: field("t.modified_time", "time"),
};

export async function listTasks(query: ListQuery): Promise<Page<TaskRecord>> {
  const page = await runList<TaskRow>({ select: TASK_SELECT, from: TASK_FROM, fields: TASK_FIELDS, query, idColumn: Prisma.sql`t.id` });
  return { ...page, data: page.data.map(taskFromRow) };
}

export async function getTask(id: number, tx: Tx = db): Promise<TaskRecord> {
  const rows = await tx.$queryRaw<TaskRow[]>`select ${TASK_SELECT} from ${TASK_FROM} where t.id = ${id}`;
  if (!rows[0]) throw new DomainError("not_found", `workbook task ${id} does not exist`);
  return taskFromRow(rows[0]);
}

export const PHASE_FIELDS: FieldMap = {
  id: field("p.id", "int"),
  container: field("p.container_id", "int"),
  container_id: field("p.container_id", "int"),
  name: field("p.name", "text"),
  order: field("p.order", "int"),
  template: field("p.template_id", "int"),
  owner: field("p.owner_id", "int"),
};

async function withTasks(phases: WorkbookPhase[]): Promise<PhaseRecord[]> {
  if (phases.length === 0) return [];
  const rows = await db.$queryRaw<TaskRow[]>`select ${TASK_SELECT} from ${TASK_FROM}
    where t.phase_id = any(${phases.map((p) => p.id)}::int[]) order by t."order", t.id`;
  const tasks = rows.map(taskFromRow);
  return phases.map((p) => ({ ...p, tasks: tasks.filter((t) => t.phaseId === p.id) }));
}

export async function listPhases(query: ListQuery, containerId?: number): Promise<Page<PhaseRecord>> {
  const q = query.sort ? query : { ...query, sort: "order", order: "asc" as const };
  const page = await runList<{ id: number }>({
    select: Prisma.sql`p.id`, from: Prisma.sql`workbook_phases p`, fields: PHASE_FIELDS, query: q, idColumn: Prisma.sql`p.id`,
    scope: containerId === undefined ? [] : [Prisma.sql`p.container_id = ${containerId}`],
  });
  const phases = await db.workbookPhase.findMany({ where: { id: { in: page.data.map((r) => r.id) } } });
  const byId = new Map(phases.map((p) => [p.id, p]));
  return { ...page, data: await withTasks(page.data.map((r) => byId.get(r.id)!).filter(Boolean)) };
}

export async function getPhase(id: number): Promise<PhaseRecord> {
  const p = await db.workbookPhase.findUnique({ where: { id } });
  if (!p) throw new DomainError("not_found", `workbook phase ${id} does not exist`);
  return (await withTasks([p]))[0]!;
}

/** The container's workbook for its investigation page: phases in order, each with its tasks. */
export async function containerWorkbook(containerId: number): Promise<PhaseRecord[]> {
  const phases = await db.workbookPhase.findMany({ where: { containerId }, orderBy: [{ order: "asc" }, { id: "asc" }] });
  return withTasks(phases);
}

/** Adds a template's phases and tasks to a container by hand (several workbooks may be added). */
export async function addWorkbook(containerId: number, templateId: number, actor: Actor): Promise<number> {
  return inTransaction(async (tx) => {
    const [c, t] = await Promise.all([
      tx.container.findUnique({ where: { id: containerId }, select: { id: true } }),
      tx.workbookTemplate.findUnique({ where: { id: templateId }, select: { name: true } }),
    ]);
    if (!c) throw new DomainError("invalid", `container_id: container ${containerId} does not exist`, "container_id");
    if (!t) throw new DomainError("invalid", `template_id: workbook template ${templateId} does not exist`, "template_id");
    const [row] = await tx.$queryRaw<{ n: number }[]>`select vigil_apply_workbooks(${[containerId]}::int[], ${[templateId]}::int[]) as n`;
    const n = row?.n ?? 0;
    await appendAudit(tx, actor, { action: "workbook.add", objectType: "container", objectId: containerId, containerId, detail: { template: templateId, name: t.name, tasks: n } });
    return n;
  });
}

/** SOAR's role_id is a number; Vigil's roles are names (a number picks the role in ROLES order, from 1). */
function roleName(role: TaskUpdate["role_id"]): string | null {
  if (role === null || role === undefined) return null;
  const name = typeof role === "number" ? ROLES[role - 1] : role;
  if (!isRole(name)) throw new DomainError("invalid", `role_id: no role ${JSON.stringify(role)} (roles: ${ROLES.join(", ")})`, "role_id");
  return name;
}

/**
 * Updates a task: status (with the closing note a note-required task needs), owner or role,
 * a note, its name or description. `containerId`, when given, must be the task's container.
 */
export async function updateTask(id: number, patch: TaskUpdate, actor: Actor, containerId?: number): Promise<TaskRecord> {
  const ownerId = patch.owner_id !== undefined ? patch.owner_id : patch.owner;
  if (ownerId) {
    const u = await db.user.findUnique({ where: { id: ownerId }, select: { id: true } });
    if (!u) throw new DomainError("invalid", `owner_id: user ${ownerId} does not exist`, "owner_id");
  }
  const role = patch.role_id !== undefined ? roleName(patch.role_id) : undefined;
  return inTransaction(async (tx) => {
    const [task] = await tx.$queryRaw<{ container_id: number; status: number; is_note_required: boolean; name: string; owner_id: number | null; start_time: Date | null }[]>`
      select container_id, status, is_note_required, name, owner_id, start_time from workbook_tasks where id = ${id} for update`;
    if (!task || (containerId !== undefined && task.container_id !== containerId)) throw new DomainError("not_found", `workbook task ${id} does not exist`);
    const note = patch.note?.trim() ? patch.note : null;
    const completing = patch.status === 1 && task.status !== 1;
    if (completing && task.is_note_required && !note) {
      throw new DomainError("invalid", `note: the task "${task.name}" requires a closing note to be completed`, "note");
    }
    const data: Prisma.WorkbookTaskUncheckedUpdateInput = {};
    if (patch.status !== undefined && patch.status !== task.status) {
      data.status = patch.status;
      if (patch.status === 2 && !task.start_time) data.startTime = new Date();
      if (patch.status === 1) Object.assign(data, { endTime: new Date(), completedById: actor.id, startTime: task.start_time ?? new Date() });
      else data.endTime = null;
    }
    if (ownerId !== undefined) data.ownerId = ownerId;
    if (role !== undefined) data.role = role;
    if (patch.name !== undefined) data.name = patch.name;
    if (patch.description !== undefined) data.description = patch.description;
    if (Object.keys(data).length) await tx.workbookTask.update({ where: { id }, data });
    if (note) {
      await insertNote(tx, { containerId: task.container_id, title: patch.title ?? "", content: note, noteType: "task", taskId: id }, actor);
    }
    const detail: Record<string, unknown> = {};
    if (data.status !== undefined) detail.status = TASK_STATUS_NAMES[patch.status!];
    if (ownerId !== undefined) detail.owner = ownerId;
    if (role !== undefined) detail.role = role;
    if (Object.keys(detail).length || data.name || data.description !== undefined) {
      await appendAudit(tx, actor, { action: "workbook_task.update", objectType: "workbook_task", objectId: id, containerId: task.container_id, detail: { name: task.name, ...detail } });
    }
    if (ownerId && ownerId !== task.owner_id && ownerId !== actor.id) {
      await notifyUsers(tx, [ownerId], {
        kind: "task_assigned", title: `Task assigned to you: ${task.name}`, body: `by ${actor.name}`,
        link: `/events/${task.container_id}#workbook`, objectType: "workbook_task", objectId: id,
      });
    }
    return getTask(id, tx);
  });
}

export async function updatePhase(id: number, patch: { name?: string; order?: number; owner_id?: number | null }, actor: Actor): Promise<PhaseRecord> {
  await inTransaction(async (tx) => {
    const p = await tx.workbookPhase.findUnique({ where: { id }, select: { containerId: true } });
    if (!p) throw new DomainError("not_found", `workbook phase ${id} does not exist`);
    await tx.workbookPhase.update({ where: { id }, data: { name: patch.name, order: patch.order, ownerId: patch.owner_id } });
    await appendAudit(tx, actor, { action: "workbook_phase.update", objectType: "workbook_phase", objectId: id, containerId: p.containerId, detail: JSON.parse(JSON.stringify(patch)) });
  }, { violations: { "23503": new DomainError("invalid", `owner_id: user ${patch.owner_id} does not exist`, "owner_id") } });
  return getPhase(id);
}

/** Progress of each container's workbooks (complete / all tasks), for the queue's column. */
export async function workbookProgress(containerIds: number[]): Promise<Map<number, { done: number; total: number }>> {
  if (containerIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ container_id: number; done: number; total: number }[]>`
    select container_id, count(*) filter (where status = 1)::int as done, count(*)::int as total
    from workbook_tasks where container_id = any(${containerIds}::int[]) group by container_id`;
  return new Map(rows.map((r) => [r.container_id, { done: r.done, total: r.total }]));
}
