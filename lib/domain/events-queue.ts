// The events queue: one page of containers by keyset (seek) pagination. A page starts after the
// last row of the previous one, `(sort key, id) < (cursor key, cursor id)`, so page 10,000 costs
// what page 1 costs: an index range scan of `limit` rows, never an OFFSET walk over everything
// before it. The id breaks ties between equal sort keys, so no row is skipped or repeated.
import { Prisma } from "@prisma/client";
import { workbookProgress } from "./workbooks/container-workbooks";
import { db } from "../db/client";
import type { QueueQuery, QueueSort } from "../schemas/events";
import type { ContainerRecord } from "./containers";
import { DomainError } from "./errors";
import { slaCondition } from "./sla-figures";
import { taxonomy } from "./taxonomy";

export type QueueRow = Pick<ContainerRecord,
  "id" | "name" | "label" | "severity" | "sensitivity" | "status" | "ownerId" | "ownerName" | "tags" | "containerType"
  | "parentId" | "artifactCount" | "dueTime" | "createdAt" | "updatedAt">;

export interface QueuePage {
  /** Each row with its workbook progress (complete / all tasks), null without a workbook. */
  rows: (QueueRow & { workbook: { done: number; total: number } | null })[];
  /** Cursor of the page after this one, or null on the last page. */
  next: string | null;
  /** Rows matching the filters, counted up to COUNT_CAP (TEXT_COUNT_CAP with free text), then `capped`. */
  total: number;
  capped: boolean;
}

/** Counting a million matches exactly costs more than the page itself; beyond this we say "10,000+". */
export const COUNT_CAP = 10_000;
/**
 * With free text the count stops at 1,000: a word common in names ("phishing" in one name of
 * six) needs ~60,000 rows read to count 10,000 of them (75-470 ms at 1M containers), ~6,000 to
 * count 1,000 (~7 ms).
 */
export const TEXT_COUNT_CAP = 1_000;

const SORT_COLUMNS: Record<QueueSort, { sql: Prisma.Sql; kind: "time" | "text" | "int" }> = {
  create_time: { sql: Prisma.raw("c.create_time"), kind: "time" },
  update_time: { sql: Prisma.raw("c.update_time"), kind: "time" },
  name: { sql: Prisma.raw("c.name"), kind: "text" },
  id: { sql: Prisma.raw("c.id"), kind: "int" },
  // No due time sorts after every due time (asc: due soonest first, then the rest); the
  // expression index of migration 20261201170000_case_resolution serves it.
  due_time: { sql: Prisma.raw("coalesce(c.due_time, 'infinity'::timestamp)"), kind: "time" },
  // Within one severity, newest (or oldest) first; the severities themselves are walked in rank
  // order by severityRows below.
  severity: { sql: Prisma.raw("c.create_time"), kind: "time" },
};

type CursorValue = string | number;

/** A cursor names its sort, so one issued for another order is refused, not misread. */
export function encodeCursor(sort: QueueSort, value: CursorValue, id: number): string {
  return Buffer.from(JSON.stringify([sort, value, id])).toString("base64url");
}

export function decodeCursor(cursor: string): [QueueSort, CursorValue, number] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && parsed.length === 3 && parsed[0] in SORT_COLUMNS && ["string", "number"].includes(typeof parsed[1]) && Number.isSafeInteger(parsed[2])) {
      return [parsed[0] as QueueSort, parsed[1] as CursorValue, parsed[2] as number];
    }
  } catch {
    // fall through to the refusal below
  }
  throw new DomainError("invalid", "cursor: not a cursor this queue issued", "cursor");
}

function keyOf(row: QueueRow, sort: QueueSort): CursorValue {
  if (sort === "create_time") return row.createdAt.toISOString();
  if (sort === "update_time") return row.updatedAt.toISOString();
  if (sort === "name") return row.name;
  if (sort === "due_time") return row.dueTime ? row.dueTime.toISOString() : "infinity";
  if (sort === "severity") return `${row.severity}|${row.createdAt.toISOString()}`;
  return row.id;
}

function cursorValue(value: CursorValue, kind: "time" | "text" | "int"): Prisma.Sql {
  // Times are stored as UTC `timestamp(3)`; the ISO text casts back to the same instant.
  if (kind === "time" && typeof value === "string" && !Number.isNaN(Date.parse(value))) return Prisma.sql`${value}::timestamp`;
  if (kind === "time" && value === "infinity") return Prisma.sql`'infinity'::timestamp`;
  if (kind === "text" && typeof value === "string") return Prisma.sql`${value}`;
  if (kind === "int" && typeof value === "number") return Prisma.sql`${value}::int`;
  throw new DomainError("invalid", "cursor: it belongs to another sort order", "cursor");
}

/**
 * `column = value` for one value: the planner then reads a (column, sort key, id) index in the
 * sort order. `= any(array)` is not a constant to it even with one element, so a filtered page
 * fell back to walking the sort index and discarding non-matches (25-300 ms at 1M containers).
 */
function oneOf(column: Prisma.Sql, values: string[]): Prisma.Sql {
  return values.length === 1 ? Prisma.sql`${column} = ${values[0]}` : Prisma.sql`${column} = any(${values}::text[])`;
}

function likeAny(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The filters as SQL conditions; `me` is the asking user's id. */
export function queueConditions(q: QueueQuery, me: number): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (q.type !== "all") where.push(Prisma.sql`c.container_type = ${q.type}`);
  if (q.label?.length) where.push(oneOf(Prisma.sql`c.label`, q.label));
  if (q.status?.length) where.push(oneOf(Prisma.sql`c.status`, q.status));
  if (q.severity?.length) where.push(oneOf(Prisma.sql`c.severity`, q.severity));
  if (q.sensitivity?.length) where.push(oneOf(Prisma.sql`c.sensitivity`, q.sensitivity));
  if (q.owner === "none") where.push(Prisma.sql`c.owner_id is null`);
  else if (q.owner !== undefined) where.push(Prisma.sql`c.owner_id = ${q.owner === "me" ? me : q.owner}`);
  if (q.tags?.length) where.push(Prisma.sql`c.tags @> ${q.tags}::text[]`);
  if (q.from) where.push(Prisma.sql`c.create_time >= (${new Date(q.from).toISOString()}::timestamptz at time zone 'utc')`);
  if (q.to) where.push(Prisma.sql`c.create_time < (${new Date(q.to).toISOString()}::timestamptz at time zone 'utc')`);
  if (q.sla) where.push(slaCondition(q.sla));
  if (q.q) {
    // "#123" or "123" also finds container 123; the text matches the name (trigram index).
    const idMatch = /^#?(\d{1,9})$/.exec(q.q);
    where.push(idMatch ? Prisma.sql`(c.id = ${Number(idMatch[1])} or c.name ilike ${likeAny(q.q)})` : Prisma.sql`c.name ilike ${likeAny(q.q)}`);
  }
  return where;
}

const ROW_COLUMNS = Prisma.sql`c.id, c.name, c.label, c.severity, c.sensitivity, c.status, c.owner_id as "ownerId",
  u.username as "ownerName", c.tags, c.container_type as "containerType", c.parent_container_id as "parentId",
  c.artifact_count as "artifactCount", c.due_time as "dueTime", c.create_time as "createdAt", c.update_time as "updatedAt"`;
const whereOf = (parts: Prisma.Sql[]) => (parts.length ? Prisma.sql`where ${Prisma.join(parts, " and ")}` : Prisma.empty);

/**
 * By severity (desc: most severe first), then creation time: one branch per severity, each an
 * index range scan of the (severity, create_time, id) index stopped at one page, so a severity
 * sort costs a few small scans instead of sorting every matching container. Severities rank by
 * their position; the cursor names the severity and creation time of the last row.
 */
async function severityRows(q: QueueQuery, conditions: Prisma.Sql[]): Promise<QueueRow[]> {
  const desc = q.dir === "desc";
  const dir = Prisma.raw(desc ? "desc" : "asc");
  const ranked = (await taxonomy()).severities;
  let order = (desc ? [...ranked].reverse() : ranked).filter((s) => !q.severity?.length || q.severity.includes(s));
  let seek: Prisma.Sql | null = null;
  if (q.cursor) {
    const [sortOf, value, id] = decodeCursor(q.cursor);
    const cut = typeof value === "string" ? value.lastIndexOf("|") : -1;
    const severity = typeof value === "string" ? value.slice(0, cut) : "";
    if (sortOf !== "severity" || cut < 0 || !order.includes(severity)) throw new DomainError("invalid", "cursor: it belongs to another sort order", "cursor");
    order = order.slice(order.indexOf(severity));
    seek = Prisma.sql`(c.create_time, c.id) ${Prisma.raw(desc ? "<" : ">")} (${cursorValue((value as string).slice(cut + 1), "time")}, ${id}::int)`;
  }
  if (order.length === 0) return [];
  const branches = order.map((severity, rank) => Prisma.sql`(select ${ROW_COLUMNS}, ${rank}::int as rank
    from containers c left join users u on u.id = c.owner_id
    ${whereOf([...conditions, Prisma.sql`c.severity = ${severity}`, ...(rank === 0 && seek ? [seek] : [])])}
    order by c.create_time ${dir}, c.id ${dir} limit ${q.limit + 1})`);
  const rows = await db.$queryRaw<(QueueRow & { rank?: number })[]>`
    select * from (${Prisma.join(branches, " union all ")}) x order by rank, "createdAt" ${dir}, id ${dir} limit ${q.limit + 1}`;
  return rows.map(({ rank: _rank, ...row }) => row);
}

export async function queuePage(q: QueueQuery, me: number): Promise<QueuePage> {
  const conditions = queueConditions(q, me);
  const sort = SORT_COLUMNS[q.sort];
  const desc = q.dir === "desc";
  const seek = [...conditions];
  if (q.cursor && q.sort !== "severity") {
    const [sortOf, value, id] = decodeCursor(q.cursor);
    if (sortOf !== q.sort) throw new DomainError("invalid", "cursor: it belongs to another sort order", "cursor");
    seek.push(Prisma.sql`(${sort.sql}, c.id) ${Prisma.raw(desc ? "<" : ">")} (${cursorValue(value, sort.kind)}, ${id}::int)`);
  }
  const dir = Prisma.raw(desc ? "desc" : "asc");
  const cap = q.q ? TEXT_COUNT_CAP : COUNT_CAP;
  const countSql = Prisma.sql`select count(*) as n from (select 1 from containers c ${whereOf(conditions)} limit ${cap + 1}) x`;
  // The count needs no order, but with free text the planner picks an index-only walk of the
  // (name, id) or (owner_id, name, id) index, and names cluster (every "Phishing ..." sits
  // together), so it read 300,000+ entries before the first match. Without index scans it takes
  // a sequential scan that stops at the cap, or the trigram bitmap for a rare word.
  const count = q.q
    ? db.$transaction([
      db.$executeRaw`set local enable_indexscan = off`,
      db.$executeRaw`set local enable_indexonlyscan = off`,
      db.$queryRaw<{ n: bigint }[]>(countSql),
    ]).then(([, , n]) => n)
    : db.$queryRaw<{ n: bigint }[]>(countSql);
  const [rows, counted] = await Promise.all([
    q.sort === "severity" ? severityRows(q, conditions) : db.$queryRaw<QueueRow[]>`
      select ${ROW_COLUMNS} from containers c left join users u on u.id = c.owner_id
      ${whereOf(seek)}
      order by ${sort.sql} ${dir}, c.id ${dir}
      limit ${q.limit + 1}`,
    count,
  ]);
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  const last = page[page.length - 1];
  const total = Number(counted[0]?.n ?? 0);
  // Workbook progress per row (one grouped read over the page's ids; rows without tasks get none).
  const progress = await workbookProgress(page.map((r) => r.id));
  return {
    rows: page.map((r) => ({ ...r, workbook: progress.get(r.id) ?? null })),
    next: more && last ? encodeCursor(q.sort, keyOf(last, q.sort), last.id) : null,
    total: Math.min(total, cap),
    capped: total > cap,
  };
}

export interface QueueChoices {
  labels: string[];
  statuses: string[];
  severities: string[];
  users: { id: number; username: string }[];
}

/** What the queue's filters and bulk actions offer: labels, statuses, severities, assignable users. */
export async function queueChoices(): Promise<QueueChoices> {
  const [labels, t, users] = await Promise.all([
    db.label.findMany({ orderBy: { name: "asc" }, take: 500, select: { name: true } }),
    taxonomy(),
    db.user.findMany({ where: { disabled: false, role: { not: "automation" } }, orderBy: { username: "asc" }, select: { id: true, username: true } }),
  ]);
  return { labels: labels.map((l) => l.name), statuses: [...t.statuses.keys()], severities: t.severities, users };
}

/** The case list: the queue restricted to cases (open, closed or all), with how many events each holds. */
export async function casesPage(q: QueueQuery, show: "open" | "closed" | "all", me: number) {
  const t = await taxonomy();
  const closed = [...t.statuses].filter(([, type]) => type === "closed").map(([name]) => name);
  const open = [...t.statuses.keys()].filter((s) => !closed.includes(s));
  const page = await queuePage({ ...q, type: "case", status: show === "open" ? open : show === "closed" ? closed : undefined }, me);
  const ids = page.rows.map((r) => r.id);
  const counts = ids.length
    ? await db.$queryRaw<{ id: number; n: number }[]>`select parent_container_id as id, count(*)::int as n from containers where parent_container_id = any(${ids}::int[]) group by 1`
    : [];
  const byId = new Map(counts.map((c) => [c.id, c.n]));
  const closings = ids.length
    ? await db.$queryRaw<{ id: number; resolution: string | null; closedByName: string | null }[]>`
      select c.id, c.resolution, u.username as "closedByName" from containers c left join users u on u.id = c.closed_by_id
      where c.id = any(${ids}::int[]) and c.resolution is not null`
    : [];
  const closingOf = new Map(closings.map((c) => [c.id, c]));
  return {
    ...page,
    rows: page.rows.map((r) => ({
      ...r, memberCount: byId.get(r.id) ?? 0, resolution: closingOf.get(r.id)?.resolution ?? null, closedByName: closingOf.get(r.id)?.closedByName ?? null,
    })),
  };
}
