// How an action's result becomes a table, as SOAR's default widget renders it: the output data
// paths that carry a `column_name` are the columns (in `column_order`), else every
// `action_result.data.*.<field>` path is one; each item of `data` is a row, and a column naming
// `action_result.summary.*` or `.parameter.*` reads the same value on every row.
import type { ManifestAction } from "../schemas/app-manifest";

export interface OutputColumn {
  label: string;
  /** The data path, e.g. action_result.data.*.record_infos */
  path: string;
}

export interface ResultEntry {
  status: string;
  message: string;
  parameter?: Record<string, unknown>;
  data?: unknown[];
  summary?: Record<string, unknown>;
}

const DATA = "action_result.data.*.";

export function outputColumns(action: Pick<ManifestAction, "output">): OutputColumn[] {
  const output = (action.output ?? []) as { data_path: string; column_name?: unknown; column_order?: unknown }[];
  const named = output.filter((o) => typeof o.column_name === "string" && o.column_name);
  if (named.length) {
    return [...named]
      .sort((a, b) => (Number(a.column_order ?? 1e9) || 0) - (Number(b.column_order ?? 1e9) || 0))
      .map((o) => ({ label: String(o.column_name), path: o.data_path }));
  }
  return output.filter((o) => o.data_path.startsWith(DATA)).map((o) => ({ label: o.data_path.slice(DATA.length), path: o.data_path }));
}

/** The values at a dotted path, `*` spreading over arrays. */
function at(value: unknown, segments: string[]): unknown[] {
  if (!segments.length) return value === undefined ? [] : [value];
  const [head, ...rest] = segments;
  if (head === "*") return Array.isArray(value) ? value.flatMap((v) => at(v, rest)) : [];
  if (value === null || typeof value !== "object") return [];
  return at((value as Record<string, unknown>)[head!], rest);
}

const show = (v: unknown) => (v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v));

/** One row per data item (one row when there is none but a column reads the summary). */
export function resultRows(entry: ResultEntry, columns: OutputColumn[]): string[][] {
  const data = entry.data ?? [];
  const items = data.length ? data : columns.some((c) => !c.path.startsWith(DATA)) ? [undefined] : [];
  return items.map((item) =>
    columns.map((c) => {
      const values = c.path.startsWith(DATA)
        ? at(item, c.path.slice(DATA.length).split("."))
        : at(entry, c.path.replace(/^action_result\./, "").split("."));
      return values.map(show).join(", ");
    }),
  );
}
