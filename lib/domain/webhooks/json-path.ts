// The JSON paths of a webhook's field mapping: the small subset every alerting tool's docs use
// (`$.alert.source.ip`, `$.alerts[0].labels.host`, `$["key with.dots"]`). Parsed once when the
// webhook is saved, so a typo is refused then, not on each delivery; evaluation is one step per
// segment, never a search.
export type PathSegment = string | number;

const IDENT = /^[A-Za-z_$@][\w$@-]*/;

/** Parses `$.a.b[0]["c d"]` (the leading `$` or `$.` is optional); throws a message saying what is wrong. */
export function parseJsonPath(path: string): PathSegment[] {
  const text = path.trim();
  if (!text) throw new Error("a JSON path is empty");
  if (text.length > 512) throw new Error("a JSON path is longer than 512 characters");
  let rest = text.startsWith("$") ? text.slice(1) : text.startsWith("[") ? text : `.${text}`;
  const segments: PathSegment[] = [];
  while (rest) {
    if (rest.startsWith(".")) {
      const m = IDENT.exec(rest.slice(1));
      if (!m) throw new Error(`"${path}": expected a field name after "."`);
      segments.push(m[0]);
      rest = rest.slice(1 + m[0].length);
    } else if (rest.startsWith("[")) {
      const m = /^\[(?:(\d{1,6})|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\]/.exec(rest);
      if (!m) throw new Error(`"${path}": expected [<index>] or ["<field>"]`);
      segments.push(m[1] !== undefined ? Number(m[1]) : (m[2] ?? m[3]!).replace(/\\(.)/g, "$1"));
      rest = rest.slice(m[0].length);
    } else {
      throw new Error(`"${path}": unexpected "${rest[0]}" (write fields as $.a.b, $.list[0] or $["a b"])`);
    }
  }
  if (!segments.length) throw new Error(`"${path}" names the whole document: name a field, e.g. $.title`);
  return segments;
}

/** The value at `segments`, or undefined when any step is missing. */
export function readJsonPath(document: unknown, segments: readonly PathSegment[]): unknown {
  let at: unknown = document;
  for (const s of segments) {
    if (at === null || typeof at !== "object") return undefined;
    if (typeof s === "number") {
      if (!Array.isArray(at)) return undefined;
      at = at[s];
    } else {
      if (Array.isArray(at) || !Object.prototype.hasOwnProperty.call(at, s)) return undefined;
      at = (at as Record<string, unknown>)[s];
    }
  }
  return at;
}
