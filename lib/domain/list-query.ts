// Lists with Phantom's paging, sorting and Django-style filters (`_filter_status="open"`,
// `_filter_id__in=[1,2]`, `_filter_cef__sourceAddress__icontains="10."`), turned into one
// parameterised SQL query. Every list names the fields a filter or sort may use; anything else
// is refused with a 400 naming it, so a typo never silently returns everything.
import { Prisma } from "@prisma/client";
import { db, type Tx } from "../db/client";
import { DomainError } from "./errors";
import { pgCode } from "./transactions";

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
export interface FieldDef {
  sql: Prisma.Sql;
  kind: FieldKind;
}
export type FieldMap = Record<string, FieldDef>;

export function field(sql: string, kind: FieldKind): FieldDef {
  return { sql: Prisma.raw(sql), kind };
}

export interface Page<T> {
  count: number;
  numPages: number;
  data: T[];
}

function bad(filter: Filter, why: string): DomainError {
  return new DomainError("invalid", `filter ${filter.key}: ${why}`, filter.key);
}

function likePattern(value: string, prefix: boolean, suffix: boolean): string {
  const escaped = value.replace(/[\\%_]/g, (c) => `\\${c}`);
  return `${prefix ? "%" : ""}${escaped}${suffix ? "%" : ""}`;
}

/** One scalar as the SQL parameter the column's kind needs. */
function param(filter: Filter, kind: FieldKind, value: Literal): Prisma.Sql {
  if (Array.isArray(value)) throw bad(filter, "expected a single value, not a list");
  if (value === null) throw bad(filter, "None is only allowed with the exact and isnull lookups");
  switch (kind) {
    case "int":
      if (typeof value === "number" && Number.isSafeInteger(value)) return Prisma.sql`${value}::int`;
      if (typeof value === "string" && /^-?\d{1,9}$/.test(value)) return Prisma.sql`${Number(value)}::int`;
      throw bad(filter, "expected an integer");
    case "bool":
      if (typeof value === "boolean") return Prisma.sql`${value}`;
      throw bad(filter, "expected True or False");
    case "time": {
      const date = typeof value === "string" ? new Date(value) : typeof value === "number" ? new Date(value * 1000) : null;
      if (!date || Number.isNaN(date.getTime())) throw bad(filter, "expected a date such as \"2026-01-31T12:00:00Z\"");
      return Prisma.sql`(${date.toISOString()}::timestamptz at time zone 'UTC')`;
    }
    default:
      if (typeof value === "boolean") throw bad(filter, "expected text");
      return Prisma.sql`${String(value)}`;
  }
}

function condition(filter: Filter, def: FieldDef): Prisma.Sql {
  let col = def.sql;
  let kind = def.kind;
  if (filter.path.length) {
    if (kind !== "json") throw bad(filter, `"${filter.field}" has no keys to filter on`);
    col = Prisma.sql`(${def.sql} #>> ${filter.path}::text[])`;
    kind = "text";
  }
  const v = filter.value;
  const text = kind === "text";
  switch (filter.lookup) {
    case "exact":
      if (v === null) return Prisma.sql`${col} is null`;
      if (kind === "json") return Prisma.sql`${col} = ${JSON.stringify(v)}::jsonb`;
      if (kind === "text[]") {
        if (!Array.isArray(v)) throw bad(filter, "expected a list");
        return Prisma.sql`${col} = ${v.map(String)}::text[]`;
      }
      return Prisma.sql`${col} = ${param(filter, kind, v)}`;
    case "isnull":
      if (typeof v !== "boolean") throw bad(filter, "isnull takes True or False");
      return v ? Prisma.sql`${col} is null` : Prisma.sql`${col} is not null`;
    case "in": {
      if (!Array.isArray(v)) throw bad(filter, "in takes a list such as [1, 2]");
      if (v.length === 0) return Prisma.sql`false`;
      if (v.length > 1000) throw bad(filter, "at most 1000 values");
      // JSON values compare as jsonb, each literal converted on its own ("1" and 1 differ).
      if (kind === "json") return Prisma.sql`${col} in (${Prisma.join(v.map((x) => Prisma.sql`${JSON.stringify(x)}::jsonb`))})`;
      const target = kind === "text[]" ? Prisma.sql`any(${col})` : col;
      const k = kind === "text[]" ? "text" : kind;
      return Prisma.sql`${target} in (${Prisma.join(v.map((x) => param(filter, k, x)))})`;
    }
    case "range": {
      if (kind === "bool" || kind === "json" || kind === "text[]") throw bad(filter, "range does not apply to this field");
      if (!Array.isArray(v) || v.length !== 2) throw bad(filter, "range takes two values such as [1, 10]");
      return Prisma.sql`${col} between ${param(filter, kind, v[0]!)} and ${param(filter, kind, v[1]!)}`;
    }
    case "gt": case "gte": case "lt": case "lte": {
      if (kind === "bool" || kind === "json" || kind === "text[]") throw bad(filter, `${filter.lookup} does not apply to this field`);
      const op = { gt: ">", gte: ">=", lt: "<", lte: "<=" }[filter.lookup];
      return Prisma.sql`${col} ${Prisma.raw(op)} ${param(filter, kind, v)}`;
    }
    case "contains":
      if (kind === "text[]") {
        const list = Array.isArray(v) ? v : [v];
        return Prisma.sql`${col} @> ${list.map((x) => String(x))}::text[]`;
      }
      if (kind === "json") return Prisma.sql`${col} @> ${JSON.stringify(v)}::jsonb`;
      if (!text) throw bad(filter, "contains applies to text, tags and JSON fields");
      return Prisma.sql`${col} like ${likePattern(String(v), true, true)}`;
    case "iexact": case "icontains": case "startswith": case "istartswith": case "endswith": case "iendswith": {
      if (!text) throw bad(filter, `${filter.lookup} applies to text fields`);
      if (typeof v !== "string" && typeof v !== "number") throw bad(filter, "expected text");
      const s = String(v);
      const op = filter.lookup.startsWith("i") ? "ilike" : "like";
      const pattern =
        filter.lookup === "iexact" ? likePattern(s, false, false)
        : filter.lookup.endsWith("contains") ? likePattern(s, true, true)
        : filter.lookup.endsWith("startswith") ? likePattern(s, false, true)
        : likePattern(s, true, false);
      return Prisma.sql`${col} ${Prisma.raw(op)} ${pattern}`;
    }
  }
}

export function whereClause(fields: FieldMap, filters: Filter[], extra: Prisma.Sql[] = []): Prisma.Sql {
  const parts = [...extra];
  for (const f of filters) {
    const def = fields[f.field];
    if (!def) throw bad(f, `unknown field "${f.field}"; filterable fields: ${Object.keys(fields).join(", ")}`);
    parts.push(condition(f, def));
  }
  return parts.length ? Prisma.sql`where ${Prisma.join(parts, " and ")}` : Prisma.empty;
}

export function orderClause(fields: FieldMap, query: ListQuery, idColumn: Prisma.Sql): Prisma.Sql {
  const dir = Prisma.raw(query.order === "desc" ? "desc" : "asc");
  if (!query.sort) return Prisma.sql`order by ${idColumn} ${dir}`;
  const def = fields[query.sort];
  if (!def || def.kind === "json" || def.kind === "text[]") {
    const sortable = Object.entries(fields).filter(([, d]) => d.kind !== "json" && d.kind !== "text[]").map(([k]) => k);
    throw new DomainError("invalid", `sort: unknown field "${query.sort}"; sortable fields: ${sortable.join(", ")}`, "sort");
  }
  return Prisma.sql`order by ${def.sql} ${dir} nulls last, ${idColumn} ${dir}`;
}

/** VIGIL_REST_STATEMENT_TIMEOUT_MS (default 15 s): how long one list query may run in PostgreSQL. */
export function listStatementTimeoutMs(): number {
  const ms = Number(process.env.VIGIL_REST_STATEMENT_TIMEOUT_MS || 15_000);
  return Number.isSafeInteger(ms) && ms > 0 ? ms : 15_000;
}

/**
 * Runs `fn` in a transaction whose statements PostgreSQL cancels after listStatementTimeoutMs
 * (SQLSTATE 57014, which /rest answers with a 503): a client's filter over a million rows can
 * hold a connection for that long, never indefinitely. Like inTransaction, it waits for a free
 * connection under load rather than failing.
 */
export async function withStatementTimeout<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const ms = listStatementTimeoutMs();
  try {
    return await db.$transaction(async (tx) => {
      await tx.$queryRaw`select set_config('statement_timeout', ${String(ms)}, true)`;
      return fn(tx);
    }, { maxWait: 30_000, timeout: ms + 5_000 });
  } catch (err) {
    if (pgCode(err) === "57014") throw new ListTimeout(ms);
    throw err;
  }
}

/** A list query PostgreSQL stopped at listStatementTimeoutMs: the client's filter is too broad (503). */
export class ListTimeout extends Error {
  constructor(readonly ms: number) {
    super(`the query ran longer than ${ms / 1000} s and was stopped: narrow it with filters or a smaller page_size, or retry later`);
    this.name = "ListTimeout";
  }
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
  const order = orderClause(opts.fields, opts.query, opts.idColumn);
  const { page, pageSize } = opts.query;
  const limit = pageSize > 0 ? Prisma.sql`limit ${pageSize} offset ${page * pageSize}` : Prisma.empty;
  // Two transactions, so the count and the page still run side by side on two connections.
  const [countRows, data] = await Promise.all([
    withStatementTimeout((tx) => tx.$queryRaw<{ n: bigint }[]>`select count(*) as n from ${opts.from} ${where}`),
    withStatementTimeout((tx) => tx.$queryRaw<T[]>`select ${opts.select} from ${opts.from} ${where} ${order} ${limit}`),
  ]);
  const count = Number(countRows[0]?.n ?? 0);
  return { count, numPages: pageSize > 0 ? Math.ceil(count / pageSize) : count > 0 ? 1 : 0, data };
}
