// Checks a graph playbook before it runs (issue 10): what compileGraph refuses, plus what would
// only fail at run time or silently do nothing: blocks the start never reaches, blocks with no
// path to the end, cycles, branches left unconnected, required parameters left empty, and
// datapaths naming a block that is not upstream. Pure, so the editor runs it as you draw and
// the server runs the same check before a playbook is activated or debugged.
import type { Graph, NodeData } from "../schemas/playbooks";
import { isDatapath, parseDatapath, DatapathError, type Datapath } from "./datapaths";

export interface Problem {
  /** The block at fault, or null for the playbook as a whole. */
  blockId: string | null;
  severity: "error" | "warning";
  message: string;
}

/** What the checker knows of an action beyond the graph: its parameters, from the app manifest. */
export interface ActionSpec { parameters: { name: string; required: boolean }[] }
export interface ValidateContext {
  /** Installed actions by name; without it action parameters are not checked. */
  actions?: Map<string, ActionSpec>;
  /** Names of the playbook's inputs (input playbooks); without it playbook_input is not checked. */
  inputs?: string[];
}

export const blockName = (id: string, data: NodeData) => (data.name ?? `${data.type}_${id}`).toLowerCase();

export const hasErrors = (problems: Problem[]) => problems.some((p) => p.severity === "error");

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

/** Blocks reachable from `from` following edges forward (or backward). */
function reach(from: string[], next: Map<string, string[]>): Set<string> {
  const seen = new Set(from);
  const stack = [...from];
  while (stack.length) {
    for (const n of next.get(stack.pop()!) ?? []) {
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(n);
    }
  }
  return seen;
}

function adjacency(graph: Graph) {
  const out = new Map<string, string[]>(), back = new Map<string, string[]>();
  for (const e of graph.edges) {
    if (!graph.nodes[e.source] || !graph.nodes[e.target]) continue;
    out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
    back.set(e.target, [...(back.get(e.target) ?? []), e.source]);
  }
  return { out, back };
}

/** The blocks upstream of `id` (that run before it on some path), without itself. */
export function ancestors(graph: Graph, id: string): Set<string> {
  const s = reach([id], adjacency(graph).back);
  s.delete(id);
  return s;
}

/** Every value of a block that may hold a datapath, with where it sits (for the message). */
export function datapathSlots(d: NodeData): { where: string; value: unknown }[] {
  switch (d.type) {
    case "filter":
    case "decision":
      return d.conditions.flatMap((c, i) => c.comparisons.flatMap((x, j) => [
        { where: `condition ${i + 1}, comparison ${j + 1}`, value: x.param }, { where: `condition ${i + 1}, comparison ${j + 1}`, value: x.value }]));
    case "format":
    case "prompt":
      return d.parameters.map((v, i) => ({ where: `parameter {${i}}`, value: v }));
    case "code":
      return d.inputParameters.map((v) => ({ where: "input", value: v }));
    case "utility":
      return Object.entries(d.values).map(([k, v]) => ({ where: k, value: v }));
    case "custom_function":
    case "action":
      return Object.entries(d.parameters).map(([k, v]) => ({ where: k, value: v }));
    case "playbook":
      return Object.entries(d.inputs).flatMap(([k, v]) => v.datapaths.map((p) => ({ where: `input ${k}`, value: p })));
    default:
      return [];
  }
}

/** The block type a datapath's result reads from. */
const SOURCE: Partial<Record<Datapath["kind"], NodeData["type"][]>> = {
  action_result: ["action", "prompt"], cf_result: ["custom_function"], code_output: ["code"],
  formatted_data: ["format"], playbook_output: ["playbook"],
};

const REQUIRED_UTILITY_VALUE: Record<string, string> = {
  comment: "comment", set_status: "status", set_severity: "severity", set_sensitivity: "sensitivity",
  set_owner: "owner", add_tag: "tags", pin: "message", add_note: "title",
};

function checkSettings(id: string, d: NodeData, ctx: ValidateContext, add: (m: string, s?: Problem["severity"]) => void): void {
  switch (d.type) {
    case "action": {
      if (blank(d.action)) return add("choose an action");
      if (d.assets.length === 0) add(`choose an asset for "${d.action}"`);
      const spec = ctx.actions?.get(d.action);
      if (ctx.actions && !spec) return add(`no enabled app offers the action "${d.action}"`, "warning");
      for (const p of spec?.parameters ?? []) if (p.required && blank(d.parameters[p.name])) add(`"${d.action}" needs the parameter "${p.name}"`);
      return;
    }
    case "utility": {
      const key = REQUIRED_UTILITY_VALUE[d.utility];
      if (key && blank(d.values[key])) add(`${d.utility.replace(/_/g, " ")} needs a value for "${key}"`);
      return;
    }
    case "format": {
      if (blank(d.template)) add("the format template is empty");
      for (const m of d.template.matchAll(/(?<!\{)\{(\d+)\}/g)) {
        if (Number(m[1]) >= d.parameters.length) add(`the template uses {${m[1]}} but the block has ${d.parameters.length} parameter(s)`);
      }
      return;
    }
    case "prompt":
      if (blank(d.message)) add("the prompt has no message");
      if (typeof d.approver === "object" && blank("user" in d.approver ? d.approver.user : d.approver.role)) add("the prompt has no recipient");
      return;
    case "custom_function":
      if (blank(d.customFunction)) add("choose a custom function");
      return;
    case "playbook":
      if (blank(d.playbook)) add("choose the playbook to call");
      return;
    case "filter":
    case "decision":
      d.conditions.forEach((c, i) => {
        if (c.type === "else") return;
        if (c.comparisons.length === 0) add(`condition ${i + 1} has no comparison`);
        c.comparisons.forEach((x, j) => { if (blank(x.param)) add(`condition ${i + 1}, comparison ${j + 1} compares nothing`); });
      });
      return;
  }
  void id;
}

function checkDatapaths(graph: Graph, id: string, d: NodeData, byName: Map<string, string>, ctx: ValidateContext, add: (m: string) => void): void {
  const up = ancestors(graph, id);
  for (const { where, value } of datapathSlots(d)) {
    if (typeof value !== "string" || value.startsWith("custom_list:")) continue;
    let dp: Datapath;
    try {
      if (!isDatapath(value)) continue;
      dp = parseDatapath(value);
    } catch (err) {
      if (err instanceof DatapathError) add(`${where}: ${err.message}`);
      continue;
    }
    const refs: { name: string; kinds?: NodeData["type"][]; what: string }[] = [];
    if ("block" in dp) refs.push({ name: dp.block, kinds: SOURCE[dp.kind], what: dp.kind.replace("_", " ") });
    if (dp.filter) refs.push({ name: dp.filter.block, kinds: ["filter"], what: "filtered data" });
    for (const r of refs) {
      const target = byName.get(r.name);
      if (!target) add(`${where}: "${value}" names block "${r.name}", which does not exist`);
      else if (!up.has(target)) add(`${where}: "${value}" reads block "${r.name}", which does not run before this block`);
      else if (r.kinds && !r.kinds.includes(graph.nodes[target]!.data.type)) add(`${where}: "${value}" reads ${r.what} of block "${r.name}", a ${graph.nodes[target]!.data.type} block`);
    }
    const f = dp.filter;
    const fb = f && byName.get(f.block);
    const fd = fb ? graph.nodes[fb]!.data : null;
    if (f && fd?.type === "filter" && f.condition > fd.conditions.length) add(`${where}: "${value}" reads condition ${f.condition} of a filter with ${fd.conditions.length}`);
    if (dp.kind === "playbook_input" && ctx.inputs && !ctx.inputs.includes(dp.name)) add(`${where}: the playbook has no input "${dp.name}"`);
  }
}

/** Blocks on a cycle (a run would wait forever at the join that closes it). */
function cycles(graph: Graph, out: Map<string, string[]>): Set<string> {
  const state = new Map<string, 1 | 2>(), onCycle = new Set<string>(), path: string[] = [];
  const visit = (n: string) => {
    state.set(n, 1);
    path.push(n);
    for (const m of out.get(n) ?? []) {
      if (state.get(m) === 1) path.slice(path.indexOf(m)).forEach((x) => onCycle.add(x));
      else if (!state.has(m)) visit(m);
    }
    path.pop();
    state.set(n, 2);
  };
  for (const id of Object.keys(graph.nodes)) if (!state.has(id)) visit(id);
  return onCycle;
}

export function validateGraph(graph: Graph, ctx: ValidateContext = {}): Problem[] {
  const problems: Problem[] = [];
  const at = (blockId: string | null) => (message: string, severity: Problem["severity"] = "error") => problems.push({ blockId, severity, message });
  const ids = Object.keys(graph.nodes);
  const starts = ids.filter((i) => graph.nodes[i]!.data.type === "start");
  const ends = ids.filter((i) => graph.nodes[i]!.data.type === "end");
  if (starts.length === 0) at(null)("the playbook needs a start block");
  if (starts.length > 1) starts.slice(1).forEach((s) => at(s)("a playbook has one start block"));
  if (ends.length === 0) at(null)("the playbook needs an end block");
  const byName = new Map<string, string>();
  for (const id of ids) {
    const name = blockName(id, graph.nodes[id]!.data);
    if (byName.has(name)) at(id)(`two blocks are named "${name}"`);
    else byName.set(name, id);
  }
  for (const e of graph.edges) {
    const from = graph.nodes[e.source];
    if (!from || !graph.nodes[e.target]) { at(null)(`a connection ${e.source} -> ${e.target} names a block that does not exist`); continue; }
    const branch = e.conditions?.[0]?.index;
    if (branch !== undefined && from.data.type !== "filter" && from.data.type !== "decision") at(e.source)("only filters and decisions branch on conditions");
    if (from.data.type === "end") at(e.source)("the end block leads nowhere: remove its outgoing connection");
  }
  const { out, back } = adjacency(graph);
  const reached = reach(starts.slice(0, 1), out);
  const finishing = reach(ends, back);
  const looped = cycles(graph, out);
  for (const id of ids) {
    const d = graph.nodes[id]!.data;
    const add = at(id);
    if (starts.length && !reached.has(id)) add("the start block never reaches this block");
    else if (ends.length && !finishing.has(id)) add("no path leads from this block to the end");
    if (looped.has(id)) add("this block is on a cycle: the run would wait for itself");
    if (d.type === "start" && back.has(id)) add("the start block cannot have incoming connections");
    if (d.type === "filter" || d.type === "decision") {
      const branches = graph.edges.filter((e) => e.source === id).map((e) => e.conditions?.[0]?.index ?? null);
      if (!branches.includes(null)) d.conditions.forEach((_, i) => { if (!branches.includes(i)) add(`condition ${i + 1} is not connected to a block`); });
    }
    checkSettings(id, d, ctx, add);
    checkDatapaths(graph, id, d, byName, ctx, add);
  }
  return problems;
}
