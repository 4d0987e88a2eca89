// Custom lists (SOAR's "decided lists"): named tables of values that playbooks check against
// (`custom_list:<name>`) and apps add to and remove from. Every change locks the list's row for
// its transaction, so two playbooks appending at once both land, and writes its audit row.
import { Prisma, type CustomList } from "@prisma/client";
import { db, type Tx } from "../db/client";
import { MAX_LIST_ROWS, type ListCell, type ListRow, type ListUpdate } from "../schemas/custom-lists";
import type { Actor } from "./actor";
import { appendAudit } from "./audit";
import { DomainError } from "./errors";
import { field, runList, type FieldMap, type ListQuery, type Page } from "./list-query";
import { inTransaction } from "./transactions";

export interface CustomListRecord {
  id: number;
  name: string;
  content: ListRow[];
  createdAt: Date;
  updatedAt: Date;
}

/** A list is addressed by id or by name, as in /rest/decided_list/<id or name>. */
export type ListRef = number | string;

const LIST_FIELDS: FieldMap = {
  id: field("l.id", "int"),
  name: field("l.name", "text"),
  create_time: field("l.create_time", "time"),
  modified_time: field("l.modified_time", "time"),
};
const SELECT = Prisma.sql`l.id, l.name, l.content, l.create_time as "createdAt", l.modified_time as "updatedAt"`;

const toRecord = (l: CustomList): CustomListRecord => ({ ...l, content: l.content as ListRow[] });

function whereRef(ref: ListRef) {
  return typeof ref === "number" || /^\d+$/.test(ref) ? { id: Number(ref) } : { name: ref };
}

function notFound(ref: ListRef): DomainError {
  return new DomainError("not_found", `custom list ${typeof ref === "number" ? ref : JSON.stringify(ref)} does not exist`);
}

const duplicate = (name: string) => ({ "23505": new DomainError("conflict", `a custom list named "${name}" already exists`, "name") });

export function listCustomLists(query: ListQuery): Promise<Page<CustomListRecord>> {
  return runList<CustomListRecord>({ select: SELECT, from: Prisma.sql`custom_lists l`, fields: LIST_FIELDS, query, idColumn: Prisma.sql`l.id` });
}

export interface CustomListSummary {
  id: number;
  name: string;
  rows: number;
  updatedAt: Date;
}

/** Every list's name and size for the console's overview, without reading the rows themselves. */
export function listSummaries(): Promise<CustomListSummary[]> {
  return db.$queryRaw<CustomListSummary[]>`
    select id, name, jsonb_array_length(content) as rows, modified_time as "updatedAt" from custom_lists order by lower(name), id`;
}

export async function getCustomList(ref: ListRef): Promise<CustomListRecord> {
  const list = await db.customList.findUnique({ where: whereRef(ref) });
  if (!list) throw notFound(ref);
  return toRecord(list);
}

export async function createCustomList(name: string, content: ListRow[], actor: Actor): Promise<CustomListRecord> {
  return inTransaction(async (tx) => {
    const list = await tx.customList.create({ data: { name, content } });
    await appendAudit(tx, actor, { action: "custom_list.create", objectType: "custom_list", objectId: list.id, detail: { name, rows: content.length } });
    return toRecord(list);
  }, { violations: duplicate(name) });
}

/**
 * SOAR's row edits, applied to the list as it was before the request: `update_rows` replaces
 * rows by index, `delete_rows` removes rows by index, then `append_rows` adds at the end. An
 * index past the end is refused rather than ignored, so a stale index cannot go unnoticed.
 */
export function applyListUpdate(content: ListRow[], update: ListUpdate): ListRow[] {
  let rows = update.content ?? content;
  const outOfRange = (i: number, what: string) =>
    new DomainError("invalid", `${what}: row ${i} does not exist (the list has ${rows.length} rows)`, what);
  if (update.update_rows) {
    rows = rows.slice();
    for (const [key, row] of Object.entries(update.update_rows)) {
      const i = Number(key);
      if (i >= rows.length) throw outOfRange(i, "update_rows");
      rows[i] = row;
    }
  }
  if (update.delete_rows?.length) {
    const drop = new Set(update.delete_rows);
    for (const i of drop) if (i >= rows.length) throw outOfRange(i, "delete_rows");
    rows = rows.filter((_, i) => !drop.has(i));
  }
  if (update.append_rows?.length) rows = rows.concat(update.append_rows);
  if (rows.length > MAX_LIST_ROWS) throw new DomainError("too_large", `a list holds at most ${MAX_LIST_ROWS} rows`);
  return rows;
}

/** Locks the list's row for this transaction and reads it. */
async function lockList(tx: Tx, ref: ListRef): Promise<CustomListRecord> {
  const where = whereRef(ref);
  const rows = "id" in where
    ? await tx.$queryRaw<{ id: number }[]>`select id from custom_lists where id = ${where.id} for update`
    : await tx.$queryRaw<{ id: number }[]>`select id from custom_lists where name = ${where.name} for update`;
  if (!rows[0]) throw notFound(ref);
  return toRecord((await tx.customList.findUnique({ where: { id: rows[0].id } }))!);
}

/** Changes a list with `edit` (which sees its current rows) and audits what changed. */
async function changeList(
  ref: ListRef, actor: Actor, edit: (list: CustomListRecord) => { content: ListRow[]; detail: Prisma.InputJsonObject },
  rename?: string,
): Promise<CustomListRecord> {
  return inTransaction((tx) => changeListInTx(tx, ref, actor, edit, rename), { violations: rename ? duplicate(rename) : {} });
}

async function changeListInTx(
  tx: Tx, ref: ListRef, actor: Actor, edit: (list: CustomListRecord) => { content: ListRow[]; detail: Prisma.InputJsonObject },
  rename?: string,
): Promise<CustomListRecord> {
  const list = await lockList(tx, ref);
  const change = { name: rename, ...edit(list) };
  const saved = await tx.customList.update({ where: { id: list.id }, data: { content: change.content, name: change.name ?? list.name } });
  await appendAudit(tx, actor, {
    action: "custom_list.update", objectType: "custom_list", objectId: list.id,
    detail: { name: saved.name, ...change.detail, rows: change.content.length },
  });
  return toRecord(saved);
}

export function updateCustomList(ref: ListRef, update: ListUpdate, actor: Actor): Promise<CustomListRecord> {
  return changeList(ref, actor, (list) => ({
    content: applyListUpdate(list.content, update),
    detail: {
      ...(update.content ? { replaced: true } : {}),
      ...(update.name && update.name !== list.name ? { renamed_from: list.name } : {}),
      ...(update.append_rows ? { appended: update.append_rows.length } : {}),
      ...(update.delete_rows ? { deleted: new Set(update.delete_rows).size } : {}),
      ...(update.update_rows ? { updated: Object.keys(update.update_rows).length } : {}),
    },
  }), update.name);
}

export function appendListRows(ref: ListRef, rows: ListRow[], actor: Actor): Promise<CustomListRecord> {
  return updateCustomList(ref, { append_rows: rows }, actor);
}

/** Appends rows inside the caller's transaction (a playbook step commits it with its own rows). */
export function appendListRowsInTx(tx: Tx, ref: ListRef, rows: ListRow[], actor: Actor): Promise<CustomListRecord> {
  return changeListInTx(tx, ref, actor, (list) => ({ content: applyListUpdate(list.content, { append_rows: rows }), detail: { appended: rows.length } }));
}

/** Removes row `index` if it still holds `expected` (the row the person saw); else a conflict. */
export function removeListRow(ref: ListRef, index: number, expected: ListRow, actor: Actor): Promise<CustomListRecord> {
  return changeList(ref, actor, (list) => {
    if (JSON.stringify(list.content[index]) !== JSON.stringify(expected)) {
      throw new DomainError("conflict", "the list changed since you opened it: reload and try again");
    }
    return { content: list.content.filter((_, i) => i !== index), detail: { deleted: 1 } };
  });
}

/** Whether a cell holds `value`: equal as text, or containing it when not `exact`. */
function cellMatches(cell: ListCell, value: string, exact: boolean): boolean {
  if (cell === null) return false;
  const text = String(cell);
  return exact ? text === value : text.includes(value);
}

const inColumn = (column: number | undefined) => (_: ListCell, i: number) => column === undefined || i === column;

/** Removes every row with a cell equal to `value` (in `column` only, when given). */
export async function removeListRowsByValue(
  ref: ListRef, value: string, actor: Actor, column?: number,
): Promise<{ list: CustomListRecord; removed: number }> {
  let removed = 0;
  const list = await changeList(ref, actor, (current) => {
    const keep = current.content.filter((row) => !row.some((cell, i) => inColumn(column)(cell, i) && cellMatches(cell, value, true)));
    removed = current.content.length - keep.length;
    return { content: keep, detail: { removed } };
  });
  return { list, removed };
}

export interface ListMatch {
  row: ListRow;
  rowIndex: number;
  columnIndex: number;
}

/** Where `value` occurs in the list: each matching cell with its row (SOAR's find listitem). */
export async function findInList(
  ref: ListRef, value: string, opts: { exact?: boolean; column?: number } = {},
): Promise<{ list: CustomListRecord; matches: ListMatch[] }> {
  const list = await getCustomList(ref);
  const matches: ListMatch[] = [];
  list.content.forEach((row, rowIndex) =>
    row.forEach((cell, columnIndex) => {
      if (inColumn(opts.column)(cell, columnIndex) && cellMatches(cell, value, opts.exact ?? true)) matches.push({ row, rowIndex, columnIndex });
    }),
  );
  return { list, matches };
}

export async function deleteCustomList(ref: ListRef, actor: Actor): Promise<void> {
  await inTransaction(async (tx) => {
    const list = await lockList(tx, ref);
    await tx.customList.delete({ where: { id: list.id } });
    await appendAudit(tx, actor, {
      action: "custom_list.delete", objectType: "custom_list", objectId: list.id, detail: { name: list.name, rows: list.content.length },
    });
  });
}
