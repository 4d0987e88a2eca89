// Notes (markdown, titled, the analyst's write-up) and comments (short lines in a container's
// activity feed). Both belong to a container and write an audit row on its chain.
import type { Comment, Note } from "@prisma/client";
import { db } from "../db/client";
import type { Actor } from "./actor";
import { appendAudit } from "./audit";
import { DomainError } from "./errors";
import { withStatementTimeout } from "./list-query";
import { inTransaction } from "./transactions";

export interface NewNote {
  containerId: number;
  title: string;
  content: string;
  noteType: string;
}

const missingContainer = (id: number) => new DomainError("invalid", `container_id: container ${id} does not exist`, "container_id");

export async function addNote(input: NewNote, actor: Actor): Promise<Note> {
  return inTransaction(async (tx) => {
    const note = await tx.note.create({
      data: { containerId: input.containerId, authorId: actor.id, title: input.title, content: input.content, noteType: input.noteType },
    });
    await appendAudit(tx, actor, {
      action: "note.create", objectType: "note", objectId: note.id, containerId: input.containerId, detail: { title: input.title },
    });
    return note;
  }, { violations: { "23503": missingContainer(input.containerId) } });
}

export type NoteRecord = Note & { authorName: string | null };

export async function listNotes(containerId: number): Promise<NoteRecord[]> {
  const rows = await db.note.findMany({
    where: { containerId }, orderBy: { id: "asc" }, include: { author: { select: { username: true } } },
  });
  return rows.map(({ author, ...n }) => ({ ...n, authorName: author?.username ?? null }));
}

export async function addComment(containerId: number, content: string, actor: Actor): Promise<Comment> {
  return inTransaction(async (tx) => {
    const comment = await tx.comment.create({ data: { containerId, authorId: actor.id, content } });
    await appendAudit(tx, actor, { action: "comment.create", objectType: "comment", objectId: comment.id, containerId });
    return comment;
  }, { violations: { "23503": missingContainer(containerId) } });
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
