// Phantom's list parameters: `page` (0-based), `page_size` (default 10; 0 = "all" in Phantom,
// here at most MAX_PAGE_SIZE rows so one request cannot read a whole table into memory), `sort`,
// `order`, and Django-style filters whose values are Python literals:
//   _filter_status="open"   _filter_id__in=[1, 2]   _filter_tags__contains="phishing"
//   _filter_cef__sourceAddress="10.0.0.1"   _filter_owner__isnull=True
// Every other parameter (`_annotation_*`, `pretty`, `include_expensive`, ...) is accepted and
// ignored here, never a 400: SOAR clients send them by habit (`pretty` is handled by withRest).
import { DomainError } from "../domain/errors";
import { LOOKUPS, type Filter, type ListQuery, type Literal, type Lookup } from "../domain/list-query";

const LOOKUP_SET: ReadonlySet<string> = new Set(LOOKUPS);
/** The most rows one list answer holds: page_size=0 ("all") and larger sizes get this many. */
export const MAX_PAGE_SIZE = 10_000;

class LiteralError extends Error {}

/** Parses one Python literal: 'text', "text", 12, -1.5, True, False, None, [..] or (..). */
export function parsePythonLiteral(source: string): Literal {
  let pos = 0;
  const s = source;
  const ws = () => {
    while (pos < s.length && /\s/.test(s[pos]!)) pos++;
  };
  const value = (depth: number): Literal => {
    if (depth > 8) throw new LiteralError("lists nest too deeply");
    ws();
    const c = s[pos];
    if (c === undefined) throw new LiteralError("a value is missing");
    if (c === '"' || c === "'") return text(c);
    if (c === "[" || c === "(") return list(c === "[" ? "]" : ")", depth);
    const m = /^(-?\d+(\.\d+)?([eE][-+]?\d+)?|True|False|None)/.exec(s.slice(pos));
    if (!m) throw new LiteralError(`unexpected "${s.slice(pos, pos + 10)}": text must be quoted, e.g. "open"`);
    pos += m[0].length;
    if (m[0] === "True") return true;
    if (m[0] === "False") return false;
    if (m[0] === "None") return null;
    const n = Number(m[0]);
    if (!Number.isFinite(n)) throw new LiteralError("number out of range");
    return n;
  };
  const text = (quote: string): string => {
    pos++;
    let out = "";
    for (;;) {
      const c = s[pos++];
      if (c === undefined) throw new LiteralError("unterminated text");
      if (c === quote) {
        if (out.includes("\0")) throw new LiteralError("text may not contain NUL");
        return out;
      }
      if (c !== "\\") {
        out += c;
        continue;
      }
      const e = s[pos++];
      const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', "0": "\0" };
      if (e !== undefined && simple[e] !== undefined) out += simple[e];
      else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(s.slice(pos, pos + 4))) {
        out += String.fromCharCode(parseInt(s.slice(pos, pos + 4), 16));
        pos += 4;
      } else throw new LiteralError("unknown escape in text");
    }
  };
  const list = (close: string, depth: number): Literal[] => {
    pos++;
    const items: Literal[] = [];
    for (;;) {
      ws();
      if (s[pos] === close) {
        pos++;
        return items;
      }
      items.push(value(depth + 1));
      ws();
      if (s[pos] === ",") pos++;
      else if (s[pos] !== close) throw new LiteralError(`expected "," or "${close}" in a list`);
    }
  };
  const result = value(0);
  ws();
  if (pos !== s.length) throw new LiteralError(`unexpected "${s.slice(pos, pos + 10)}" after the value`);
  return result;
}

/** `cef__sourceAddress__icontains` -> field "cef", path ["sourceAddress"], lookup "icontains". */
export function parseFilterKey(key: string): Pick<Filter, "field" | "path" | "lookup"> {
  const parts = key.split("__");
  const last = parts[parts.length - 1]!;
  const lookup = (parts.length > 1 && LOOKUP_SET.has(last) ? parts.pop()! : "exact") as Lookup;
  const [field, ...path] = parts;
  if (!field || path.some((p) => !p)) throw new DomainError("invalid", `filter _filter_${key}: malformed name`, `_filter_${key}`);
  return { field, path, lookup };
}

function intParam(params: URLSearchParams, name: string, fallback: number, max: number): number {
  const raw = params.get(name);
  if (raw === null || raw === "") return fallback;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) > max) {
    throw new DomainError("invalid", `${name} must be a whole number from 0 to ${max}`, name);
  }
  return Number(raw);
}

/** Clients written for Phantom ask for page_size=0 ("all"): they get pages of MAX_PAGE_SIZE, and num_pages says how many. */
function pageSize(params: URLSearchParams): number {
  const size = intParam(params, "page_size", 10, 999_999_999);
  return size === 0 || size > MAX_PAGE_SIZE ? MAX_PAGE_SIZE : size;
}

export function parseListQuery(params: URLSearchParams): ListQuery {
  const filters: Filter[] = [];
  for (const [name, raw] of params) {
    if (!name.startsWith("_filter_")) continue;
    const key = name.slice("_filter_".length);
    let value: Literal;
    try {
      value = parsePythonLiteral(raw);
    } catch (err) {
      if (!(err instanceof LiteralError)) throw err;
      throw new DomainError("invalid", `filter ${name}: ${err.message} (values are Python literals: "text", 5, True, None, [1, 2])`, name);
    }
    filters.push({ key: name, ...parseFilterKey(key), value });
  }
  const order = params.get("order") ?? "asc";
  if (order !== "asc" && order !== "desc") throw new DomainError("invalid", "order must be asc or desc", "order");
  return {
    filters,
    sort: params.get("sort") || undefined,
    order,
    page: intParam(params, "page", 0, 10_000_000),
    pageSize: pageSize(params),
  };
}
