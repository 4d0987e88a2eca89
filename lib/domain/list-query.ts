// Lists with Phantom's paging, sorting and Django-style filters (`_filter_status="open"`,
// `_filter_id__in=[1,2]`, `_filter_cef__sourceAddress__icontains="10."`), turned into one
// parameterised SQL query. Every list names the fields a filter or sort may use; anything else
// is refused with a 400 naming it, so a typo never silently returns everything.
import { Prisma } from "@prisma/client";
import { DomainError } from "./errors";
import { bad, condition, indexServes } from "./list-filters";
import { countList, type CountKind } from "./list-count";
import { ListTimeout, withStatementTimeout } from "./list-timeout";

export { ListTimeout, listStatementTimeoutMs, withStatementTimeout } from "./list-timeout";

export type Literal = string | number | boolean | null | Literal[];

export const LOOKUPS = [
  "exact", "iexact", "in", "contains", "icontains", "startswith", "istartswith", "endswith", "iendswith",
  "gt", "gte", "lt", "lte", "isnull", "range",
] as const;
export type Lookup = (typeof LOOKUPS)[number];

export interface Filter {
  /** As the client wrote it, for messages. */
  key: string;
  field: string;
  /** Keys inside a JSON field: `cef__sourceAddress` -> ["sourceAddress"]. */
  path: string[];
  lookup: Lookup;
  value: Literal;
}

export interface ListQuery {
  filters: Filter[];
  sort?: string;
  order: "asc" | "desc";
  page: number;
  /** 0 returns every row (internal callers only: REST caps it, lib/rest/filters.ts). */
  pageSize: number;
}

export type FieldKind = "int" | "text" | "bool" | "time" | "text[]" | "json";
/** Which kinds of index serve a field (migration 20261202170000_list_indexes and older ones). */
export interface FieldTraits {
  /** The column is NOT NULL: a descending sort can then read a btree backwards (no NULLS LAST). */
  notNull?: boolean;
  /** A btree leading with the column: equality, in, ranges, isnull. */
  btree?: boolean;
  /** A trigram index: contains, icontains, iexact, startswith, endswith (3 characters or more). */
  trigram?: boolean;
  /** A GIN index on the array: tags contains. */
  gin?: boolean;
  /** A btree on lower(column): iexact is written `lower(col) = lower(value)` to use it. */
  lower?: boolean;
}
export interface FieldDef {
  sql: Prisma.Sql;
  kind: FieldKind;
  index?: FieldTraits;
}
export type FieldMap = Record<string, FieldDef>;

export function field(sql: string, kind: FieldKind, index?: FieldTraits): FieldDef {
  return { sql: Prisma.raw(sql), kind, index };
}

export interface Page<T> {
  count: number;
  /** How `count` was found (lib/domain/list-count.ts); absent means exact. */
  countKind?: CountKind;
  numPages: number;
  data: T[];
}

/**
 * Django's relation paths (`_filter_action_run__container_id=5`): a list whose fields name the
 * whole path ("action_run__container_id") serves it as that one field; a JSON field's keys
 * (`cef__sourceAddress`) stay a path into the field.
 */
function relationPath(fields: FieldMap, f: Filter): Filter {
  if (!f.path.length || fields[f.field]?.kind === "json") return f;
  const joined = [f.field, ...f.path].join("__");
  if (fields[joined]) return { ...f, field: joined, path: [] };
  const paths = Object.keys(fields).filter((k) => k.startsWith(`${f.field}__`));
  if (paths.length) throw bad(f, `unknown relation path "${joined}"; paths from ${f.field}: ${paths.join(", ")}`);
  return f;
}

export function whereClause(fields: FieldMap, filters: Filter[], extra: Prisma.Sql[] = []): Prisma.Sql {
  const parts = [...extra];
  for (const filter of filters) {
    const f = relationPath(fields, filter);
    const def = fields[f.field];
    if (!def) throw bad(f, `unknown field "${f.field}"; filterable fields: ${Object.keys(fields).join(", ")}`);
    parts.push(condition(f, def));
  }
  return parts.length ? Prisma.sql`where ${Prisma.join(parts, " and ")}` : Prisma.empty;
}

/**
 * The sort expression as one no index matches (`id + 0`, `name || ''`), which orders the same:
 * for a page of a filter known to match few rows. Sorting by an indexed column, PostgreSQL reads
 * that index in order and tests each row against the filter, expecting matches to be spread
 * evenly; when they are not (indicators of type "domain" all came late: 102,115 rows read for 10
 * matches, 183 ms), reading the filter's own index and sorting its few matches costs a few ms.
 */
function unindexed(sql: Prisma.Sql, kind: FieldKind): Prisma.Sql {
  if (kind === "int") return Prisma.sql`(${sql} + 0)`;
  if (kind === "text") return Prisma.sql`(${sql} || '')`;
  if (kind === "time") return Prisma.sql`(${sql} + interval '0 s')`;
  return sql;
}

export function orderClause(fields: FieldMap, query: ListQuery, idColumn: Prisma.Sql, fewMatches = false): Prisma.Sql {
  const dir = Prisma.raw(query.order === "desc" ? "desc" : "asc");
  const key = (sql: Prisma.Sql, kind: FieldKind) => (fewMatches ? unindexed(sql, kind) : sql);
  if (!query.sort) return Prisma.sql`order by ${key(idColumn, "int")} ${dir}`;
  const def = fields[query.sort];
  if (!def || def.kind === "json" || def.kind === "text[]") {
    const sortable = Object.entries(fields).filter(([, d]) => d.kind !== "json" && d.kind !== "text[]").map(([k]) => k);
    throw new DomainError("invalid", `sort: unknown field "${query.sort}"; sortable fields: ${sortable.join(", ")}`, "sort");
  }
  // NULLS LAST (the order Vigil has always given) only where there can be nulls: on a NOT NULL
  // column it would stop a descending sort from reading the column's index backwards.
  const nulls = def.index?.notNull ? Prisma.empty : Prisma.sql`nulls last`;
  return Prisma.sql`order by ${key(def.sql, def.kind)} ${dir} ${nulls}, ${key(idColumn, "int")} ${dir}`;
}

/**
 * A list PostgreSQL stopped at the statement timeout: when some of its filters (or its sort) are
 * not served by an index, the client is told which to narrow (400); a list every index serves
 * that still ran out of time met a slow server (503, ListTimeout).
 */
function tooBroad(fields: FieldMap, query: ListQuery, timeout: ListTimeout): Error {
  const unserved = query.filters.map((f) => relationPath(fields, f)).filter((f) => !indexServes(f, fields[f.field]!)).map((f) => f.key);
  const sortDef = query.sort ? fields[query.sort] : undefined;
  if (sortDef && !sortDef.index?.btree) unserved.push(`sort=${query.sort}`);
  if (!unserved.length) return timeout;
  const which = unserved.length === 1 ? `${unserved[0]} is` : `${unserved.join(", ")} are`;
  return new DomainError("invalid",
    `the list ran longer than ${timeout.ms / 1000} s and was stopped: ${which} too broad (no index serves ${unserved.length === 1 ? "it" : "them"} at this size); ` +
    "add an exact, in or range filter on an indexed field, or search 3 or more characters", unserved[0]);
}

/** Runs the count and the page of one list; `from` includes joins, `select` the columns. */
export async function runList<T>(opts: {
  select: Prisma.Sql;
  from: Prisma.Sql;
  fields: FieldMap;
  query: ListQuery;
  idColumn: Prisma.Sql;
  scope?: Prisma.Sql[];
}): Promise<Page<T>> {
  const where = whereClause(opts.fields, opts.query.filters, opts.scope);
  const { page, pageSize } = opts.query;
  const limit = pageSize > 0 ? Prisma.sql`limit ${pageSize} offset ${page * pageSize}` : Prisma.empty;
  try {
    // The count first (a few ms: it stops past the exact-count limit or comes from the cache),
    // because how many rows match decides how the page is best read (see unindexed).
    const counted = await countList(opts.from, where);
    const order = orderClause(opts.fields, opts.query, opts.idColumn, counted.kind === "exact");
    const data = await withStatementTimeout((tx) => tx.$queryRaw<T[]>`select ${opts.select} from ${opts.from} ${where} ${order} ${limit}`);
    const { count } = counted;
    return { count, countKind: counted.kind, numPages: pageSize > 0 ? Math.ceil(count / pageSize) : count > 0 ? 1 : 0, data };
  } catch (err) {
    if (err instanceof ListTimeout) throw tooBroad(opts.fields, opts.query, err);
    throw err;
  }
}
