// condition / decision (SOAR-PLAYBOOKS.md §3.5): rows of the referenced datapaths that satisfy
// `[lhs, op, rhs]` comparisons combined by and/or. `in` is a substring test when the right side is
// a string and membership when it is a list; numbers compare as numbers; `matches` is a regex test.
import { collect, type RunData } from "./collect";
import { isDatapath, parseDatapath } from "./datapaths";
import type { RunState } from "./types";

export const OPS = ["==", "!=", "<", "<=", ">", ">=", "in", "not in", "matches", "not matches"] as const;
export type Op = (typeof OPS)[number];
export type Comparison = [unknown, Op, unknown];

export interface ConditionOptions {
  logic?: "and" | "or";
  /** Splits string values on this first; a comparison holds when any part satisfies it. */
  delimiter?: string | null;
  caseSensitive?: boolean;
}

export interface ConditionResult {
  matched: boolean;
  /** Row identities of the matching rows under each root, as filtered-data stores them. */
  kept: Record<string, string[]>;
  /** Artifact ids of the matching rows (SOAR's matched_artifacts). */
  artifactIds: number[];
}

const num = (v: unknown): number | null => {
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return null;
};

const text = (v: unknown, cs: boolean): string => {
  const s = v === null || v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v);
  return cs ? s : s.toLowerCase();
};

function equal(a: unknown, b: unknown, cs: boolean): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  const x = num(a), y = num(b);
  if (x !== null && y !== null) return x === y;
  if (typeof a === "boolean" || typeof b === "boolean") return String(a).toLowerCase() === String(b).toLowerCase();
  return text(a, cs) === text(b, cs);
}

function contains(lhs: unknown, rhs: unknown, cs: boolean): boolean {
  if (Array.isArray(rhs)) return rhs.flat(2).some((v) => equal(lhs, v, cs));
  if (typeof rhs === "string") return lhs !== null && lhs !== undefined && text(rhs, cs).includes(text(lhs, cs));
  return false;
}

export function compare(lhs: unknown, op: Op, rhs: unknown, cs = true): boolean {
  switch (op) {
    case "==": return equal(lhs, rhs, cs);
    case "!=": return !equal(lhs, rhs, cs);
    case "in": return contains(lhs, rhs, cs);
    case "not in": return !contains(lhs, rhs, cs);
    case "matches":
    case "not matches": {
      const ok = typeof rhs === "string" && lhs !== null && lhs !== undefined && new RegExp(rhs, cs ? "" : "i").test(text(lhs, true));
      return op === "matches" ? ok : !ok;
    }
    default: {
      const x = num(lhs), y = num(rhs);
      const [a, b] = x !== null && y !== null ? [x, y] : [text(lhs, cs), text(rhs, cs)];
      if (lhs === null || lhs === undefined || rhs === null || rhs === undefined) return false;
      return op === "<" ? a < b : op === "<=" ? a <= b : op === ">" ? a > b : a >= b;
    }
  }
}

function holds(lhs: unknown, op: Op, rhs: unknown, o: ConditionOptions): boolean {
  const cs = o.caseSensitive ?? true;
  if (o.delimiter && typeof lhs === "string" && lhs.includes(o.delimiter)) {
    return lhs.split(o.delimiter).map((s) => s.trim()).some((part) => compare(part, op, rhs, cs));
  }
  return compare(lhs, op, rhs, cs);
}

/** Evaluates the comparisons row by row over the datapaths they name. */
export function condition(data: RunData, comparisons: Comparison[], o: ConditionOptions = {}): ConditionResult {
  for (const [, op] of comparisons) if (!OPS.includes(op)) throw new Error(`unknown operator "${String(op)}"; use one of ${OPS.join(", ")}`);
  // custom_list operands are whole lists (membership), not rows to line up.
  const constant = (v: unknown): { is: boolean; value: unknown } => {
    if (typeof v === "string" && v.startsWith("custom_list:")) return { is: true, value: data.lists[v.slice(12)] ?? [] };
    if (!isDatapath(v)) return { is: true, value: v };
    return { is: false, value: undefined };
  };
  const paths: string[] = [];
  const slot = (v: unknown): number | { value: unknown } => {
    const c = constant(v);
    if (c.is) return { value: c.value };
    parseDatapath(v as string);
    let i = paths.indexOf(v as string);
    if (i < 0) i = paths.push(v as string) - 1;
    return i;
  };
  const slots = comparisons.map(([l, op, r]) => ({ l: slot(l), op, r: slot(r) }));
  const got = paths.length > 0 ? collect(data, paths) : { rows: [[]], context: [{ artifactId: null }], keys: [{}] };
  const kept: Record<string, string[]> = {};
  const artifactIds = new Set<number>();
  let matched = false;
  got.rows.forEach((row, r) => {
    const val = (s: number | { value: unknown }) => (typeof s === "number" ? row[s] : s.value);
    const each = slots.map((s) => holds(val(s.l), s.op, val(s.r), o));
    const ok = (o.logic ?? "and") === "and" ? each.every(Boolean) : each.some(Boolean);
    if (!ok) return;
    matched = true;
    for (const [root, key] of Object.entries(got.keys[r]!)) {
      const list = (kept[root] ??= []);
      if (key !== null && !list.includes(key)) list.push(key);
    }
    const a = got.context[r]!.artifactId;
    if (a !== null) artifactIds.add(a);
  });
  return { matched, kept, artifactIds: [...artifactIds] };
}

/** A JSON-exported comparison value: "None", "True"/"False", digit strings become typed values. */
export function parseLiteral(v: unknown): unknown {
  if (typeof v !== "string") return v;
  if (v === "None") return null;
  if (v === "True" || v === "False") return v === "True";
  if (/^-?\d+$/.test(v)) return Number(v);
  return v;
}

/**
 * A code playbook's `condition(..., name="<filter>:condition_<n>")` (JavaScript and SOAR Python
 * alike): its matches are kept under that filter's name for `filtered-data:` datapaths.
 */
export function recordFilterCondition(state: RunState, name: unknown, r: ConditionResult): void {
  const m = /^(.+):condition_(\d+)$/.exec(String(name ?? ""));
  if (!m) return;
  const filter = m[1]!.toLowerCase();
  const prev = state.outputs[filter];
  const conds = prev?.kind === "filter" ? prev.conditions : {};
  if (r.matched) conds[m[2]!] = r.kept;
  state.outputs[filter] = { kind: "filter", conditions: conds };
}
