// Global search: containers (name, description), artifacts (name and every CEF value), notes
// (title, content) by PostgreSQL full-text search, and indicators by value (whole, or by prefix
// for values such as IPs and hashes). The tsvector expressions below must stay identical to the
// GIN expression indexes of migration 20261123210000_search, or PostgreSQL cannot use them.
// The 'simple' configuration does not stem: "10.1.2.3", "invoice3.exe" and "beaconing" are
// matched as written, the same parser splitting query and document alike.
import { Prisma } from "@prisma/client";
import { db } from "../db/client";
import { pgCode } from "./transactions";

export const SEARCH_KINDS = ["containers", "artifacts", "indicators", "notes", "comments"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export interface ContainerHit { id: number; name: string; label: string; severity: string; status: string; createdAt: Date }
export interface ArtifactHit { id: number; containerId: number; containerName: string; name: string; cef: Record<string, unknown>; createdAt: Date }
export interface IndicatorHit { id: number; value: string; types: string[]; count: number; lastSeen: Date }
export interface NoteHit { id: number; containerId: number; containerName: string; title: string; content: string; createdAt: Date }
export interface CommentHit { id: number; containerId: number; containerName: string; authorName: string | null; content: string; createdAt: Date }

export interface Group<T> {
  items: T[];
  /** True when there are more matches than `items` holds. */
  more: boolean;
}

export interface SearchResults {
  containers: Group<ContainerHit>;
  artifacts: Group<ArtifactHit>;
  indicators: Group<IndicatorHit>;
  notes: Group<NoteHit>;
  comments: Group<CommentHit>;
}

const CONTAINER_DOC = Prisma.sql`to_tsvector('simple'::regconfig, c.name || ' ' || c.description)`;
const ARTIFACT_DOC = Prisma.sql`(to_tsvector('simple'::regconfig, a.name) || jsonb_to_tsvector('simple'::regconfig, a.cef, '["string", "numeric"]'))`;
const NOTE_DOC = Prisma.sql`to_tsvector('simple'::regconfig, n.title || ' ' || n.content)`;
// Same expression as the GIN index of migration 20261201170000_case_resolution.
const COMMENT_DOC = Prisma.sql`to_tsvector('simple'::regconfig, m.content)`;

function group<T>(rows: T[], limit: number): Group<T> {
  return { items: rows.slice(0, limit), more: rows.length > limit };
}

function likePrefix(value: string): string {
  return `${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * "paypa1 login" -> `'paypa1':* & 'login':*`: every typed word as the start of a word in the
 * document, so part of an indicator-like value ("paypa1" of "paypa1.example", the start of a
 * hash) finds it; GIN indexes answer prefixes too. Quoting keeps the words literal.
 */
export function prefixQuery(q: string): string {
  return q.split(/\s+/).filter(Boolean).slice(0, 32)
    .map((w) => `'${w.replace(/\\/g, "\\\\").replace(/'/g, "''")}':*`).join(" & ");
}

// Newest-first full-text search has no single good plan. For a word in many rows, walking the
// primary key backwards and testing each row finds ten matches at once, but for a rare word
// the same walk tests millions of rows (seconds); the GIN index finds rare words at once but
// must fetch and sort every match of a common one (tens of seconds for "network" in 3M
// artifacts). PostgreSQL's estimates cannot tell the two apart reliably, so each kind is
// searched in two steps: the newest WINDOW rows are tested directly (bounded cost; common words
// end here), and only if that finds too few does the GIN index run, under a time limit.
const WINDOW = 1000;
const INDEXED_TIMEOUT_MS = 2000;

async function twoStep<T>(recent: Prisma.Sql, indexed: Prisma.Sql, take: number): Promise<T[]> {
  const first = await db.$queryRaw<T[]>(recent);
  if (first.length >= take) return first;
  try {
    return await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`set local statement_timeout = ${INDEXED_TIMEOUT_MS}`);
      return tx.$queryRaw<T[]>(indexed);
    });
  } catch (err) {
    // A word common in old rows only: show what the newest rows held rather than fail.
    if (pgCode(err) === "57014") return first;
    throw err;
  }
}

/**
 * Indicators by value: the whole value first, then values starting with it, then (from four
 * characters) values containing it ("ypa1" finds "paypa1.example"), each newest seen first. The
 * substring step uses the trigram index and runs under a time limit: a fragment common to
 * millions of values gives way to the exact and prefix matches instead of a slow page.
 */
async function indicatorHits(q: string, take: number): Promise<IndicatorHit[]> {
  const select = (substring: boolean) => Prisma.sql`
    select * from (
      select i.id, i.value, i.types, i.count, i.last_seen as "lastSeen", 0 as rank from indicators i where i.value = ${q}
      union all
      select * from (
        select i.id, i.value, i.types, i.count, i.last_seen as "lastSeen", 1 as rank from indicators i
        where ${q.length >= 3} and i.value like ${likePrefix(q)} and i.value <> ${q}
        order by i.last_seen desc, i.id desc limit ${take}) p
      union all
      select * from (
        select i.id, i.value, i.types, i.count, i.last_seen as "lastSeen", 2 as rank from indicators i
        where ${substring && q.length >= 4} and i.value like ${`%${likePrefix(q)}`} and i.value not like ${likePrefix(q)}
        order by i.last_seen desc, i.id desc limit ${take}) s
    ) x order by rank, "lastSeen" desc, id desc limit ${take}`;
  const rows = await db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`set local statement_timeout = ${INDEXED_TIMEOUT_MS}`);
    return tx.$queryRaw<(IndicatorHit & { rank?: number })[]>(select(true));
  }).catch(async (err: unknown) => {
    if (pgCode(err) !== "57014") throw err;
    return db.$queryRaw<(IndicatorHit & { rank?: number })[]>(select(false));
  });
  return rows.map(({ rank: _r, ...i }) => i);
}

/**
 * Searches every kind the caller may read (`kinds`), `limit` results per kind, newest first.
 * Each kind is one or two indexed queries; the kinds run side by side. `window` is for tests.
 */
export async function globalSearch(
  q: string, kinds: readonly SearchKind[], limit = 10, opts: { window?: number } = {},
): Promise<SearchResults> {
  const window = opts.window ?? WINDOW;
  const query = Prisma.sql`to_tsquery('simple'::regconfig, ${prefixQuery(q)})`;
  const take = limit + 1;
  const want = (k: SearchKind) => kinds.includes(k);
  const none = Promise.resolve([]);
  // "order by id + 0" keeps the indexed step on the GIN index instead of the primary key walk.
  const [containers, artifacts, indicators, notes, comments] = await Promise.all([
    want("containers")
      ? twoStep<ContainerHit>(
          Prisma.sql`select c.id, c.name, c.label, c.severity, c.status, c.create_time as "createdAt"
            from (select * from containers order by id desc limit ${window}) c
            where ${CONTAINER_DOC} @@ ${query} order by c.id desc limit ${take}`,
          Prisma.sql`select c.id, c.name, c.label, c.severity, c.status, c.create_time as "createdAt"
            from containers c where ${CONTAINER_DOC} @@ ${query} order by c.id + 0 desc limit ${take}`,
          take)
      : none,
    want("artifacts")
      ? twoStep<ArtifactHit>(
          Prisma.sql`select a.id, a.container_id as "containerId", c.name as "containerName", a.name, a.cef, a.create_time as "createdAt"
            from (select id, container_id, name, cef, create_time from artifacts order by id desc limit ${window}) a
            join containers c on c.id = a.container_id
            where ${ARTIFACT_DOC} @@ ${query} order by a.id desc limit ${take}`,
          Prisma.sql`select a.id, a.container_id as "containerId", c.name as "containerName", a.name, a.cef, a.create_time as "createdAt"
            from artifacts a join containers c on c.id = a.container_id
            where ${ARTIFACT_DOC} @@ ${query} order by a.id + 0 desc limit ${take}`,
          take)
      : none,
    want("indicators") ? indicatorHits(q, take) : none,
    want("notes")
      ? twoStep<NoteHit>(
          Prisma.sql`select n.id, n.container_id as "containerId", c.name as "containerName", n.title, n.content, n.create_time as "createdAt"
            from (select * from notes order by id desc limit ${window}) n join containers c on c.id = n.container_id
            where ${NOTE_DOC} @@ ${query} order by n.id desc limit ${take}`,
          Prisma.sql`select n.id, n.container_id as "containerId", c.name as "containerName", n.title, n.content, n.create_time as "createdAt"
            from notes n join containers c on c.id = n.container_id
            where ${NOTE_DOC} @@ ${query} order by n.id + 0 desc limit ${take}`,
          take)
      : none,
    want("comments")
      ? twoStep<CommentHit>(
          Prisma.sql`select m.id, m.container_id as "containerId", c.name as "containerName", u.username as "authorName", m.content, m.create_time as "createdAt"
            from (select * from comments order by id desc limit ${window}) m join containers c on c.id = m.container_id left join users u on u.id = m.author_id
            where ${COMMENT_DOC} @@ ${query} order by m.id desc limit ${take}`,
          Prisma.sql`select m.id, m.container_id as "containerId", c.name as "containerName", u.username as "authorName", m.content, m.create_time as "createdAt"
            from comments m join containers c on c.id = m.container_id left join users u on u.id = m.author_id
            where ${COMMENT_DOC} @@ ${query} order by m.id + 0 desc limit ${take}`,
          take)
      : none,
  ]);
  return {
    containers: group(containers as ContainerHit[], limit),
    artifacts: group(artifacts as ArtifactHit[], limit),
    indicators: group(indicators as IndicatorHit[], limit),
    notes: group(notes as NoteHit[], limit),
    comments: group(comments as CommentHit[], limit),
  };
}

/** The CEF fields of an artifact whose values contain one of the query's words, for display. */
export function matchedCef(cef: Record<string, unknown>, q: string): [string, string][] {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  return Object.entries(cef)
    .map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)] as [string, string])
    .filter(([, v]) => words.some((w) => v.toLowerCase().includes(w)));
}
