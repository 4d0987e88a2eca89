// Global search: containers (name, description), artifacts (name and every CEF value), notes
// (title, content) by PostgreSQL full-text search, and indicators by value (whole, or by prefix
// for values such as IPs and hashes). The tsvector expressions below must stay identical to the
// GIN expression indexes of migration 20261123210000_search, or PostgreSQL cannot use them.
// The 'simple' configuration does not stem: "10.1.2.3", "invoice3.exe" and "beaconing" are
// matched as written, the same parser splitting query and document alike.
import { Prisma } from "@prisma/client";
import { db } from "../db/client";

export const SEARCH_KINDS = ["containers", "artifacts", "indicators", "notes"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export interface ContainerHit { id: number; name: string; label: string; severity: string; status: string; createdAt: Date }
export interface ArtifactHit { id: number; containerId: number; containerName: string; name: string; cef: Record<string, unknown>; createdAt: Date }
export interface IndicatorHit { id: number; value: string; types: string[]; count: number; lastSeen: Date }
export interface NoteHit { id: number; containerId: number; containerName: string; title: string; content: string; createdAt: Date }

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
}

const CONTAINER_DOC = Prisma.sql`to_tsvector('simple'::regconfig, c.name || ' ' || c.description)`;
const ARTIFACT_DOC = Prisma.sql`(to_tsvector('simple'::regconfig, a.name) || jsonb_to_tsvector('simple'::regconfig, a.cef, '["string", "numeric"]'))`;
const NOTE_DOC = Prisma.sql`to_tsvector('simple'::regconfig, n.title || ' ' || n.content)`;

function group<T>(rows: T[], limit: number): Group<T> {
  return { items: rows.slice(0, limit), more: rows.length > limit };
}

function likePrefix(value: string): string {
  return `${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Searches every kind the caller may read (`kinds`), `limit` results per kind, newest first.
 * Each kind is one indexed query; they run side by side.
 */
export async function globalSearch(q: string, kinds: readonly SearchKind[], limit = 10): Promise<SearchResults> {
  const query = Prisma.sql`plainto_tsquery('simple'::regconfig, ${q})`;
  const take = limit + 1;
  const want = (k: SearchKind) => kinds.includes(k);
  const none = Promise.resolve([]);
  const [containers, artifacts, indicators, notes] = await Promise.all([
    want("containers")
      ? db.$queryRaw<ContainerHit[]>`
          select c.id, c.name, c.label, c.severity, c.status, c.create_time as "createdAt"
          from containers c where ${CONTAINER_DOC} @@ ${query} order by c.id desc limit ${take}`
      : none,
    want("artifacts")
      ? db.$queryRaw<ArtifactHit[]>`
          select a.id, a.container_id as "containerId", c.name as "containerName", a.name, a.cef, a.create_time as "createdAt"
          from artifacts a join containers c on c.id = a.container_id
          where ${ARTIFACT_DOC} @@ ${query} order by a.id desc limit ${take}`
      : none,
    want("indicators")
      ? db.$queryRaw<IndicatorHit[]>`
          select i.id, i.value, i.types, i.count, i.last_seen as "lastSeen" from indicators i
          where i.value = ${q} or (${q.length >= 3} and i.value like ${likePrefix(q)})
          order by (i.value = ${q}) desc, i.last_seen desc, i.id desc limit ${take}`
      : none,
    want("notes")
      ? db.$queryRaw<NoteHit[]>`
          select n.id, n.container_id as "containerId", c.name as "containerName", n.title, n.content, n.create_time as "createdAt"
          from notes n join containers c on c.id = n.container_id
          where ${NOTE_DOC} @@ ${query} order by n.id desc limit ${take}`
      : none,
  ]);
  return {
    containers: group(containers as ContainerHit[], limit),
    artifacts: group(artifacts as ArtifactHit[], limit),
    indicators: group(indicators as IndicatorHit[], limit),
    notes: group(notes as NoteHit[], limit),
  };
}

/** The CEF fields of an artifact whose values contain one of the query's words, for display. */
export function matchedCef(cef: Record<string, unknown>, q: string): [string, string][] {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  return Object.entries(cef)
    .map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)] as [string, string])
    .filter(([, v]) => words.some((w) => v.toLowerCase().includes(w)));
}
