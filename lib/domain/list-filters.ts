// One filter of a list (`_filter_<field>__<lookup>=<value>`) as a SQL condition, written so the
// indexes of migration 20261202170000_list_indexes can serve it while it matches exactly the rows
// the plain condition matches. For a CEF field (`cef__sourceAddress`) the plain condition is
// `(cef #>> path) <op> value`, which no index serves; it is kept as the final check and an
// indexable condition that holds for every row it can match is put in front of it:
// - exact / in: containment (`cef @> {"sourceAddress": "10.0.0.1"}`, GIN jsonb_path_ops) of each
//   JSON value whose text is the value asked for: the string, and the number or boolean with that
//   text ("443" is also 443);
// - substring lookups: the text of the CEF's top-level values (`cefValuesText`, trigram index)
//   contains the longest word of the value, or (for values without a word of three letters) the
//   value JSON-escaped, as a nested string appears in that text, or as it is.
// Where that cannot be done exactly (array positions in the path, values that are themselves
// JSON objects, text that is not well-formed UTF-16) the plain condition is used alone.
import { Prisma } from "@prisma/client";
import { DomainError } from "./errors";
import type { FieldDef, FieldKind, Filter, Literal } from "./list-query";

export function bad(filter: Filter, why: string): DomainError {
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

const LIKE_LOOKUPS = new Set(["iexact", "icontains", "contains", "startswith", "istartswith", "endswith", "iendswith"]);

/** The plain condition: what a filter means. */
export function plainCondition(filter: Filter, def: FieldDef): Prisma.Sql {
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
      // The same test as `ilike` without wildcards (PostgreSQL lowercases both sides for it),
      // in the form a btree on lower(column) serves: a trigram index reads a posting list per
      // trigram, and a long name's trigrams are in a sixth of a million containers (187 ms).
      if (filter.lookup === "iexact" && def.index?.lower && !filter.path.length) return Prisma.sql`lower(${col}) = lower(${s})`;
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

/** `{"a":{"b":<value>}}` for the path [a, b], as JSON text. */
function nest(path: string[], valueJson: string): string {
  return path.reduceRight((inner, key) => `{${JSON.stringify(key)}:${inner}}`, valueJson);
}

/**
 * Every JSON value whose `#>>` text is `s`, as JSON text: the string itself, and the number or
 * boolean PostgreSQL prints as `s` (jsonb prints numbers as plain decimals, never with an
 * exponent or leading zeros). Null when `s` could also be an object's or array's text.
 */
function jsonValuesWithText(s: string): string[] | null {
  if (/^\s*[[{]/.test(s)) {
    try {
      JSON.parse(s);
      return null;
    } catch {
      // not JSON: no object or array prints as it
    }
  }
  const values = [JSON.stringify(s)];
  if (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(s)) values.push(s);
  if (s === "true" || s === "false") values.push(s);
  return values;
}

const wellFormed = (s: string) => (s as string & { isWellFormed(): boolean }).isWellFormed();

/** The indexable condition in front of a CEF filter's plain one, or null when there is none. */
function cefIndexCondition(filter: Filter, def: FieldDef): Prisma.Sql | null {
  const { path, value: v, lookup } = filter;
  if (path.some((key) => /^-?\d+$/.test(key) || !wellFormed(key))) return null;
  if (lookup === "exact" || lookup === "in") {
    const list = lookup === "in" ? v : [v];
    if (!Array.isArray(list) || list.length === 0) return null;
    const docs: string[] = [];
    for (const item of list) {
      if (typeof item !== "string" && typeof item !== "number") return null;
      const s = String(item);
      const values = wellFormed(s) ? jsonValuesWithText(s) : null;
      if (!values) return null;
      docs.push(...values.map((value) => nest(path, value)));
    }
    return Prisma.sql`(${Prisma.join(docs.map((d) => Prisma.sql`${def.sql} @> ${d}::jsonb`), " or ")})`;
  }
  if (LIKE_LOOKUPS.has(lookup)) {
    if (typeof v !== "string" && typeof v !== "number") return null;
    const s = String(v);
    if (!wellFormed(s)) return null;
    const op = Prisma.raw(lookup.startsWith("i") ? "ilike" : "like");
    const text = cefValuesText(def.sql);
    // Any substring of the value is a sound narrowing (a row whose field contains the value
    // contains each part of it), and its longest word is the cheapest sound one: pg_trgm reads a
    // posting list per trigram of the pattern, and a long pattern's trigrams such as "htt" or
    // ".co" are in most rows. A word (letters and digits) also reads the same in a string's
    // JSON-escaped form, so one condition serves top-level and nested values alike.
    const word = longestWord(s);
    if (word.length >= TRIGRAM_MIN) return Prisma.sql`${text} ${op} ${likePattern(word, true, true)}`;
    const escaped = JSON.stringify(s).slice(1, -1);
    const forms = escaped === s ? [s] : [escaped, s];
    return Prisma.sql`(${Prisma.join(forms.map((f) => Prisma.sql`${text} ${op} ${likePattern(f, true, true)}`), " or ")})`;
  }
  return null;
}

/**
 * The indexed text of a CEF document (migration 20261204500000_cef_values_trgm): its top-level
 * values as a JSON array, without the keys, which are in nearly every row and made the old
 * index on `cef::text` twice as slow to build. A top-level string appears in it JSON-escaped, a
 * nested object or array as its JSON text, which is what `#>>` prints for it, and a nested
 * string JSON-escaped. The expression must match the index's exactly, so the path is literal.
 */
export function cefValuesText(col: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(jsonb_path_query_array(${col}, ${Prisma.raw("'$.*'")}))::text`;
}

/** The longest run of letters and digits in `s` (pg_trgm's notion of a word); "" if none. */
export function longestWord(s: string): string {
  let best = "";
  for (const [word] of s.matchAll(/[\p{L}\p{N}]+/gu)) if (word.length > best.length) best = word;
  return best;
}

export function condition(filter: Filter, def: FieldDef): Prisma.Sql {
  const plain = plainCondition(filter, def);
  if (def.kind !== "json" || !filter.path.length) return plain;
  const indexed = cefIndexCondition(filter, def);
  return indexed ? Prisma.sql`(${indexed} and ${plain})` : plain;
}

/** Shortest text a trigram index can look up: shorter patterns read every row. */
const TRIGRAM_MIN = 3;

/**
 * Whether an index of migration 20261202170000 (or an older one) serves this filter: a list that
 * runs out of time names the filters that are not, as the ones to narrow.
 */
export function indexServes(filter: Filter, def: FieldDef): boolean {
  const v = filter.value;
  const textLong = (typeof v === "string" || typeof v === "number") && String(v).length >= TRIGRAM_MIN;
  if (def.kind === "json" && filter.path.length) {
    if (filter.lookup === "exact" || filter.lookup === "in") return v !== null && cefIndexCondition(filter, def) !== null;
    return def.index?.trigram === true && textLong && cefIndexCondition(filter, def) !== null;
  }
  if (def.kind === "text[]") return def.index?.gin === true && filter.lookup === "contains";
  if (filter.lookup === "iexact" && def.index?.lower) return true;
  if (LIKE_LOOKUPS.has(filter.lookup)) return def.index?.trigram === true && textLong;
  return def.index?.btree === true;
}
