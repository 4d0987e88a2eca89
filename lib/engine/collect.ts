// collect2 (SOAR-PLAYBOOKS.md §3.4): rows from a run's data for a list of datapaths. Datapaths with
// a common root (the same artifact, the same action result) line up, so row i holds values of one
// object; each row keeps its artifact context so results stay tied to the artifact they came from.
import { getPath, parseDatapath, rootOf, type Datapath, type Plain, type Seg } from "./datapaths";

export interface ActionResult {
  status: string;
  message: string;
  parameter: Record<string, unknown>;
  data: unknown[];
  summary: Record<string, unknown>;
  /** What SOAR's app runs carry too (null when no app run exists: the action could not start). */
  app_run_id?: number | null;
  asset_id?: number | null;
  app_id?: number | null;
  app?: string | null;
  asset?: string | null;
}
export interface CfResult { success: boolean; message: string; data: unknown }

/** What a finished block left behind, by kind; stored with its execution and read by datapaths. */
export type BlockOutput =
  | { kind: "action"; results: ActionResult[] }
  | { kind: "filter"; conditions: Record<string, Record<string, string[]>> }
  | { kind: "format"; text: string; list: string[] }
  | { kind: "code"; outputs: Record<string, unknown>; listRows?: boolean }
  | { kind: "cf"; results: CfResult[] }
  | { kind: "playbook"; outputs: Record<string, unknown> }
  | { kind: "none" };

export interface Artifact { id: number; [field: string]: unknown }

export interface RunData {
  container: Record<string, unknown>;
  /** The artifacts in the run's scope (`new` or `all`), by id ascending. */
  artifacts: Artifact[];
  /** Finished blocks' outputs by lower-case block name. */
  blocks: Record<string, BlockOutput>;
  inputs: Record<string, unknown>;
  lists: Record<string, unknown[][]>;
}

export interface Row { artifactId: number | null }
export interface Collected {
  rows: unknown[][];
  context: Row[];
  /** Per row, the identity of the object it came from under each root (for filtered-data). */
  keys: Record<string, string | null>[];
}

interface Source { key: string; artifactId: number | null; value: (dp: Plain) => unknown }

/** The path a datapath follows inside its object (none for custom lists and formats). */
const pathOf = (d: Plain): Seg[] => ("path" in d ? d.path : []);

const asRows = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);
const emptyData = (v: unknown): boolean => v === null || v === undefined || (Array.isArray(v) ? v.length === 0 : typeof v === "object" && Object.keys(v).length === 0);

function resultSources(results: { parameter?: Record<string, unknown> }[], expand: boolean, read: (r: number, item: unknown | undefined, dp: Plain) => unknown, dataOf: (r: number) => unknown[]): Source[] {
  const out: Source[] = [];
  results.forEach((res, i) => {
    const ctx = (res.parameter?.context as Record<string, unknown> | undefined)?.artifact_id;
    const artifactId = typeof ctx === "number" ? ctx : null;
    const data = dataOf(i);
    if (expand && data.length > 0) data.forEach((item, j) => out.push({ key: `${i}.${j}`, artifactId, value: (dp) => read(i, item, dp) }));
    else out.push({ key: String(i), artifactId, value: (dp) => read(i, expand ? null : undefined, dp) });
  });
  return out;
}

/** The objects one root yields, each able to answer the datapaths of that root. */
function sources(root: string, dps: Plain[], data: RunData): Source[] {
  const dp = dps[0]!;
  const expand = dps.some((d) => "part" in d && d.part === "data" && d.path.length > 0);
  switch (dp.kind) {
    case "artifact":
      return data.artifacts.map((a) => ({ key: String(a.id), artifactId: a.id, value: (d) => getPath(a, pathOf(d)) }));
    case "container":
      return [{ key: "0", artifactId: null, value: (d) => getPath(data.container, pathOf(d)) }];
    case "playbook_input":
      // SOAR's generator lower-cases input names in datapaths (filePath -> playbook_input:filepath).
      return asRows(data.inputs[dp.name] ?? Object.entries(data.inputs).find(([k]) => k.toLowerCase() === dp.name.toLowerCase())?.[1] ?? null).map((v, i) => ({ key: String(i), artifactId: null, value: (d) => getPath(v, pathOf(d)) }));
    case "custom_list":
      return (data.lists[dp.name] ?? []).map((row, i) => ({ key: String(i), artifactId: null, value: () => row }));
    case "action_result": {
      const out = data.blocks[dp.block];
      const results = out?.kind === "action" ? out.results : [];
      return resultSources(results, expand, (r, item, d) => {
        const res = results[r]!;
        const x = d as Extract<Plain, { kind: "action_result" }>;
        if (x.part === "data") return item === undefined ? res.data : getPath(item, x.path);
        if (x.part === "status" || x.part === "message") return res[x.part];
        return getPath(res[x.part], x.path);
      }, (r) => results[r]!.data ?? []);
    }
    case "cf_result": {
      const out = data.blocks[dp.block];
      // Reading into data (data.*.field): a call that returned nothing, or failed, has no rows, as in
      // SOAR; a row of None would send generated code down its "found something" branch.
      const results = (out?.kind === "cf" ? out.results : []).filter((r) => !expand || !emptyData(r.data));
      return resultSources(results.map(() => ({})), expand, (r, item, d) => {
        const x = d as Extract<Plain, { kind: "cf_result" }>;
        const res = results[r]!;
        if (x.part !== "data") return res[x.part];
        return item === undefined ? res.data : getPath(item, x.path);
      }, (r) => asRows(results[r]!.data ?? []));
    }
    case "code_output": {
      const out = data.blocks[dp.block];
      const v = out?.kind === "code" ? (out.outputs[dp.name] ?? null) : null;
      // SOAR Python code blocks' list outputs are one row per item, as SOAR's collect2 gives them (the
      // VirusTotal playbooks' format %% rows zip a score list with the results); graph code blocks
      // keep a list in one cell.
      if (out?.kind === "code" && out.listRows) return asRows(v).map((x, i) => ({ key: String(i), artifactId: null, value: (d) => getPath(x, pathOf(d)) }));
      return [{ key: "0", artifactId: null, value: (d) => getPath(v, pathOf(d)) }];
    }
    case "formatted_data": {
      const out = data.blocks[dp.block];
      if (out?.kind !== "format") return dp.list ? [] : [{ key: "0", artifactId: null, value: () => null }];
      if (!dp.list) return [{ key: "0", artifactId: null, value: () => out.text }];
      return out.list.map((t, i) => ({ key: String(i), artifactId: null, value: () => t }));
    }
    case "playbook_output": {
      const out = data.blocks[dp.block];
      const v = out?.kind === "playbook" ? (out.outputs[dp.name] ?? null) : null;
      return asRows(v).map((x, i) => ({ key: String(i), artifactId: null, value: (d) => getPath(x, pathOf(d)) }));
    }
  }
  void root;
  return [];
}

/** Keeps only the rows a filter's condition matched, when the datapath is `filtered-data:`. */
function restrict(src: Source[], root: string, filter: Datapath["filter"], data: RunData): Source[] {
  if (!filter) return src;
  const out = data.blocks[filter.block];
  const kept = out?.kind === "filter" ? out.conditions[String(filter.condition)]?.[root] : undefined;
  if (!kept) return [];
  const set = new Set(kept);
  // A filter on data rows (`0.1`) keeps rows; one on results (`0`) keeps every data row of them.
  return src.filter((s) => set.has(s.key) || set.has(s.key.split(".")[0]!));
}

export function collect(data: RunData, datapaths: (string | Datapath)[]): Collected {
  const parsed = datapaths.map((d) => (typeof d === "string" ? parseDatapath(d) : d));
  const groups = new Map<string, { idx: number[]; dps: Datapath[] }>();
  parsed.forEach((dp, i) => {
    const root = (dp.filter ? `filtered-data:${dp.filter.block}:${dp.filter.condition}|` : "") + rootOf(dp);
    const g = groups.get(root) ?? { idx: [], dps: [] };
    g.idx.push(i);
    g.dps.push(dp);
    groups.set(root, g);
  });
  const cols = [...groups.entries()].map(([gkey, g]) => {
    const root = rootOf(g.dps[0]!);
    const src = restrict(sources(root, g.dps, data), root, g.dps[0]!.filter, data);
    return { gkey, root, g, src };
  });
  const n = cols.length === 0 ? 0 : Math.max(...cols.map((c) => c.src.length));
  const rows: unknown[][] = [];
  const context: Row[] = [];
  const keys: Record<string, string | null>[] = [];
  for (let r = 0; r < n; r++) {
    const row: unknown[] = new Array(parsed.length).fill(null);
    const key: Record<string, string | null> = {};
    let artifactId: number | null = null;
    for (const c of cols) {
      // A root with one object (the container, a format's text) is repeated on every row.
      const s = c.src.length === 1 ? c.src[0] : c.src[r];
      key[c.root] = s ? s.key : null;
      if (!s) continue;
      artifactId ??= s.artifactId;
      c.g.idx.forEach((i, k) => { row[i] = s.value(c.g.dps[k]!) ?? null; });
    }
    rows.push(row);
    context.push({ artifactId });
    keys.push(key);
  }
  return { rows, context, keys };
}
