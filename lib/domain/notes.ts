// Notes (markdown, titled, the analyst's write-up) and comments (short lines in a container's
// activity feed). Both belong to a container and write an audit row on its chain.
import type { Comment, Note } from "@prisma/client";
import { db, type Tx } from "../db/client";
import type { Actor } from "./actor";
import { appendAudit } from "./audit";
import { DomainError } from "./errors";
import { field, runList, withStatementTimeout, type FieldMap, type ListQuery, type Page } from "./list-query";
import { notifyMentions } from "./mentions";
import { inTransaction } from "./transactions";
import { Prisma } from "@prisma/client";

export interface NewNote {
  containerId: number;
  title: string;
  content: string;
  noteType: string;
  /** A task note: the workbook task (of the same container) it belongs to. */
  taskId?: number | null;
}

const missingContainer = (id: number) => new DomainError("invalid", `container_id: container ${id} does not exist`, "container_id");

/** Adds a note inside the caller's transaction (a playbook step commits it with its own record). */
export async function insertNote(tx: Tx, input: NewNote, actor: Actor): Promise<Note> {
  const note = await tx.note.create({
    data: {
      containerId: input.containerId, authorId: actor.id, title: input.title, content: input.content, noteType: input.noteType,
      taskId: input.taskId ?? null,
    },
  });
  await appendAudit(tx, actor, {
    action: "note.create", objectType: "note", objectId: note.id, containerId: input.containerId,
    detail: input.taskId ? { title: input.title, task: input.taskId } : { title: input.title },
  });
  await notifyMentions(tx, `${input.title}\n${input.content}`, { containerId: input.containerId, what: input.title ? `the note "${input.title}"` : "a note" }, actor);
  return note;
}

export async function addNote(input: NewNote, actor: Actor): Promise<Note> {
  return inTransaction(async (tx) => {
    if (input.taskId) {
      const task = await tx.workbookTask.findUnique({ where: { id: input.taskId }, select: { containerId: true } });
      if (!task || task.containerId !== input.containerId) {
        throw new DomainError("invalid", `task_id: container ${input.containerId} has no workbook task ${input.taskId}`, "task_id");
      }
    }
    return insertNote(tx, input, actor);
  }, { violations: { "23503": missingContainer(input.containerId) } });
}

export type NoteRecord = Note & { authorName: string | null; phaseId?: number | null };

export async function listNotes(containerId: number): Promise<NoteRecord[]> {
  const rows = await db.note.findMany({
    where: { containerId }, orderBy: { id: "asc" }, include: { author: { select: { username: true } } },
  });
  return rows.map(({ author, ...n }) => ({ ...n, authorName: author?.username ?? null }));
}

const NOTE_SELECT = Prisma.sql`n.id, n.container_id as "containerId", n.author_id as "authorId", u.username as "authorName",
  n.title, n.content, n.note_type as "noteType", n.task_id as "taskId", wt.phase_id as "phaseId",
  n.create_time as "createdAt", n.update_time as "updatedAt"`;
const NOTE_FROM = Prisma.sql`notes n left join users u on u.id = n.author_id left join workbook_tasks wt on wt.id = n.task_id`;

/** Fields GET /rest/note filters and sorts on, by their Phantom names. */
export const NOTE_FIELDS: FieldMap = {
  id: field("n.id", "int"),
  container: field("n.container_id", "int"),
  container_id: field("n.container_id", "int"),
  author: field("n.author_id", "int"),
  title: field("n.title", "text"),
  content: field("n.content", "text"),
  note_type: field("n.note_type", "text"),
  task: field("n.task_id", "int"),
  task_id: field("n.task_id", "int"),
  create_time: field("n.create_time", "time"),
  modified_time: field("n.update_time", "time"),
};

export function queryNotes(query: ListQuery): Promise<Page<NoteRecord>> {
  return runList<NoteRecord>({ select: NOTE_SELECT, from: NOTE_FROM, fields: NOTE_FIELDS, query, idColumn: Prisma.sql`n.id` });
}

export async function getNote(id: number): Promise<NoteRecord> {
  const rows = await db.$queryRaw<NoteRecord[]>`select ${NOTE_SELECT} from ${NOTE_FROM} where n.id = ${id}`;
  if (!rows[0]) throw new DomainError("not_found", `note ${id} does not exist`);
  return rows[0];
}

export async function insertComment(tx: Tx, containerId: number, content: string, actor: Actor): Promise<Comment> {
  const comment = await tx.comment.create({ data: { containerId, authorId: actor.id, content } });
  await appendAudit(tx, actor, { action: "comment.create", objectType: "comment", objectId: comment.id, containerId });
  await notifyMentions(tx, content, { containerId, what: "a comment" }, actor);
  return comment;
}

export async function addComment(containerId: number, content: string, actor: Actor): Promise<Comment> {
  return inTransaction((tx) => insertComment(tx, containerId, content, actor), { violations: { "23503": missingContainer(containerId) } });
}

export type CommentRecord = Comment & { authorName: string | null };

export async function listComments(containerId: number): Promise<CommentRecord[]> {
  const rows = await db.comment.findMany({
    where: { containerId }, orderBy: { id: "asc" }, include: { author: { select: { username: true } } },
  });
  return rows.map(({ author, ...c }) => ({ ...c, authorName: author?.username ?? null }));
}

/** The audit trail of one container, oldest first. */
export async function containerAuditTrail(containerId: number, page: number, pageSize: number) {
  const where = { containerId };
  const [count, rows] = await withStatementTimeout((tx) => Promise.all([
    tx.auditLog.count({ where }),
    tx.auditLog.findMany({
      where, orderBy: { id: "asc" }, ...(pageSize > 0 ? { skip: page * pageSize, take: pageSize } : {}),
    }),
  ]));
  return { count, numPages: pageSize > 0 ? Math.ceil(count / pageSize) : count ? 1 : 0, data: rows };
}
