// Graph playbooks, block by block (SOAR-PLAYBOOKS.md §2.2). One turn runs every block that can run
// now, in memory, until the run waits for callbacks or ends; the caller commits the whole turn at
// once, so a turn costs a handful of round trips however many synchronous blocks it holds.
import { collect, type ActionResult, type BlockOutput, type RunData } from "./collect";
import { condition, parseLiteral, type Comparison } from "./condition";
import { isDatapath } from "./datapaths";
import { format } from "./format";
import type { Block, CompiledGraph } from "./graph";
import { playbookApi, runCode, runCustomFunction } from "./code-blocks";
import { runPythonCustomFunction } from "./python/custom-function";
import { platformHost, type PlaybookInfo } from "./python/rules-host";
import type { ChildStart, Completion, Effect, LogRecord, NewCallback, RunState, StepRecord } from "./types";

export interface TurnInput {
  graph: CompiledGraph;
  state: RunState;
  data: Omit<RunData, "blocks">;
  completions: Completion[];
  outputSpec: { name: string; datapaths: string[]; deduplicate: boolean }[];
  customFunctions: Map<string, string>;
  /** Which of customFunctions are SOAR (Python) custom functions, by lower-case "repo/name". */
  pythonCustomFunctions?: Set<string>;
  actionsAvailable: boolean;
  /** Who and what is running: SOAR custom functions ask (phantom.get_effective_user, requests). */
  info?: PlaybookInfo;
}
export interface TurnOutput {
  state: RunState;
  steps: StepRecord[];
  logs: LogRecord[];
  effects: Effect[];
  callbacks: NewCallback[];
  children: ChildStart[];
  /** Set when the run is over: nothing is pending or a block failed. */
  finished: { status: "success" | "failed"; message: string; outputs: Record<string, unknown> } | null;
}

type Done = { output?: BlockOutput; inputs?: unknown; branches?: number[] | null; wait?: boolean };

class BlockError extends Error {}

/** The first non-null value of a datapath (utility arguments), or the literal itself. */
function value(data: RunData, v: unknown): unknown {
  if (!isDatapath(v)) return v;
  const rows = collect(data, [v]).rows;
  for (const r of rows) if (r[0] !== null && r[0] !== undefined) return r[0];
  return null;
}
const str = (v: unknown): string => (v === null || v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v));

function utility(b: Block, data: RunData, effects: Effect[]): Done {
  if (b.data.type !== "utility") throw new BlockError("not a utility block");
  const vals = Object.fromEntries(Object.entries(b.data.values).map(([k, v]) => [k, value(data, v)]));
  const need = (k: string) => {
    const v = str(vals[k]);
    if (v === "") throw new BlockError(`${b.data.type === "utility" ? b.data.utility : ""} needs a value for "${k}"`);
    return v;
  };
  const e = (body: Effect) => effects.push(body);
  switch (b.data.utility) {
    case "comment": e({ blockId: b.id, kind: "comment", text: need("comment") }); break;
    case "add_note": e({ blockId: b.id, kind: "note", title: str(vals.title), content: str(vals.content) }); break;
    case "set_status": e({ blockId: b.id, kind: "update", status: need("status") }); break;
    case "set_severity": e({ blockId: b.id, kind: "update", severity: need("severity") }); break;
    case "set_sensitivity": e({ blockId: b.id, kind: "update", sensitivity: need("sensitivity") }); break;
    case "set_owner": e({ blockId: b.id, kind: "update", owner: need("owner") }); break;
    case "add_tag": e({ blockId: b.id, kind: "update", addTags: need("tags").split(",").map((t) => t.trim()).filter(Boolean) }); break;
    case "promote_to_case": e({ blockId: b.id, kind: "promote" }); break;
    case "pin": e({ blockId: b.id, kind: "pin", message: need("message"), data: str(vals.data) }); break;
    // values: name, label, severity, and cef.<field> for each CEF field of the new artifact.
    case "add_artifact": e({
      blockId: b.id, kind: "artifact", name: need("name"), label: str(vals.label) || "playbook", severity: str(vals.severity) || undefined,
      cef: Object.fromEntries(Object.entries(vals).filter(([k, v]) => k.startsWith("cef.") && v !== null && v !== undefined).map(([k, v]) => [k.slice(4), v])),
    }); break;
    // values: list, and the row's cells as value (one cell) or values (comma-separated).
    case "add_to_list": e({ blockId: b.id, kind: "list_add", list: need("list"), row: vals.values !== undefined && vals.values !== null ? str(vals.values).split(",").map((v) => v.trim()) : [vals.value ?? null] }); break;
  }
  return { inputs: vals };
}

function conditions(b: Block, data: RunData): Done {
  if (b.data.type !== "filter" && b.data.type !== "decision") throw new BlockError("not a filter");
  const d = b.data;
  const opts = { delimiter: d.delimiter ?? null, caseSensitive: d.caseSensitive ?? true };
  const cmp = (c: (typeof d.conditions)[number]): Comparison[] => c.comparisons.map((x) => [parseLiteral(x.param), x.op, parseLiteral(x.value)]);
  if (d.type === "decision") {
    // The first `if`/`elif` that holds wins; an `else` (or nothing) takes over when none does.
    for (let i = 0; i < d.conditions.length; i++) {
      const c = d.conditions[i]!;
      if (c.type === "else" || condition(data, cmp(c), { ...opts, logic: c.logic }).matched) return { output: { kind: "none" }, branches: [i], inputs: { branch: i + 1 } };
    }
    return { output: { kind: "none" }, branches: [], inputs: { branch: null } };
  }
  const kept: Record<string, Record<string, string[]>> = {};
  const branches: number[] = [];
  d.conditions.forEach((c, i) => {
    const r = condition(data, cmp(c), { ...opts, logic: c.logic });
    if (r.matched) {
      kept[String(i + 1)] = r.kept;
      branches.push(i);
    }
  });
  return { output: { kind: "filter", conditions: kept }, branches, inputs: { matched: branches.map((i) => i + 1) } };
}

/** Parameter rows of an action or custom function: datapaths lined up, literals repeated. */
function parameterRows(data: RunData, params: Record<string, unknown>): { rows: Record<string, unknown>[]; context: (number | null)[] } {
  const names = Object.keys(params);
  const paths = names.filter((n) => isDatapath(params[n]));
  if (paths.length === 0) return { rows: [Object.fromEntries(names.map((n) => [n, params[n]]))], context: [null] };
  const got = collect(data, paths.map((n) => params[n] as string));
  return {
    rows: got.rows.map((r) => Object.fromEntries(names.map((n) => [n, paths.includes(n) ? r[paths.indexOf(n)] : params[n]]))),
    context: got.context.map((c) => c.artifactId),
  };
}

async function execute(b: Block, input: TurnInput, data: RunData, out: TurnOutput): Promise<Done> {
  const d = b.data;
  switch (d.type) {
    case "start":
    case "end":
      return {};
    case "filter":
    case "decision":
      return conditions(b, data);
    case "format": {
      const f = format(data, d.template, d.parameters, { dropNone: d.dropNone, separator: d.separator });
      return { output: { kind: "format", text: f.text, list: f.list }, inputs: { parameters: d.parameters } };
    }
    case "utility":
      return utility(b, data, out.effects);
    case "code": {
      const r = await runCode(b, data, out.state, out);
      return { output: { kind: "code", outputs: r }, inputs: { parameters: d.inputParameters } };
    }
    case "custom_function": {
      const code = input.customFunctions.get(d.customFunction.toLowerCase());
      if (code === undefined) throw new BlockError(`custom function "${d.customFunction}" does not exist in the playbook repository`);
      const { rows } = parameterRows(data, d.parameters);
      const calls = d.inputType === "list" ? [Object.fromEntries(Object.keys(d.parameters).map((k) => [k, rows.map((r) => r[k])]))] : rows;
      const python = input.pythonCustomFunctions?.has(d.customFunction.toLowerCase());
      // A SOAR custom function reaches the platform as a SOAR playbook does: phantom.requests to
      // Vigil's REST API as the run's user, build_phantom_rest_url, get_effective_user.
      const host = { ...playbookApi(b.id, data, out.state, out), ...(python ? platformHost(input.info, data) : {}), get_container: () => data.container };
      const results = await Promise.all(calls.map((p) => (python ? runPythonCustomFunction(d.customFunction, code, p, host) : runCustomFunction(code, p))));
      return { output: { kind: "cf", results }, inputs: { calls: calls.length } };
    }
    case "playbook": {
      const inputs = Object.fromEntries(Object.entries(d.inputs).map(([k, spec]) => {
        let vals = spec.datapaths.flatMap((p) => (isDatapath(p) ? collect(data, [p]).rows.map((r) => r[0]) : [p]));
        if (spec.deduplicate) vals = [...new Set(vals.map((v) => JSON.stringify(v)))].map((v) => JSON.parse(v) as unknown);
        return [k, vals];
      }));
      out.children.push({ blockId: b.id, playbook: d.playbook, inputs, synchronous: d.synchronous });
      return d.synchronous ? { wait: true, inputs } : { output: { kind: "playbook", outputs: {} }, inputs };
    }
    case "prompt": {
      const message = format(data, d.message, d.parameters).text;
      const approver = d.approver === "container_owner" ? { user: str(data.container.owner_name ?? data.container.owner) } : d.approver;
      const due = new Date(Date.now() + d.responseTime * 60_000);
      out.callbacks.push({ blockId: b.id, kind: "prompt", detail: { approver, message, responses: d.responses, responseTime: d.responseTime }, due });
      return { wait: true, inputs: { approver, message } };
    }
    case "action": {
      const { rows, context } = parameterRows(data, d.parameters);
      const parameters = rows.map((r, i) => (context[i] ? { ...r, context: { artifact_id: context[i] } } : r));
      if (!input.actionsAvailable) throw new BlockError("actions are not available yet (the apps and action runs are not merged into this build)");
      if (d.assets.length === 0) throw new BlockError(`action "${d.action}" names no asset to run on`);
      // No parameter rows (no matching artifacts): SOAR runs the action for 0 parameters and goes on.
      if (parameters.length === 0) return { output: { kind: "action", results: [] }, inputs: { action: d.action, assets: d.assets, parameters } };
      out.callbacks.push({ blockId: b.id, kind: "action", detail: { action: d.action, assets: d.assets, parameters, name: b.name } });
      return { wait: true, inputs: { action: d.action, assets: d.assets, parameters } };
    }
  }
}

/** The output a finished callback leaves for its block (action results, prompt answers, child outputs). */
function completionOutput(c: Completion): BlockOutput {
  if (c.kind === "playbook") return { kind: "playbook", outputs: (c.result.outputs ?? {}) as Record<string, unknown> };
  return { kind: "action", results: (c.result.results ?? []) as ActionResult[] };
}

export async function runTurn(input: TurnInput): Promise<TurnOutput> {
  const state: RunState = structuredClone(input.state);
  const out: TurnOutput = { state, steps: [], logs: [], effects: [], callbacks: [], children: [], finished: null };
  const data: RunData = { ...input.data, blocks: state.outputs };
  const queue = [...state.frontier];
  state.frontier = [];
  // Filters and decisions continue only on the branches that held; other blocks on every edge.
  const advance = (b: Block, branches: number[] | null | undefined) => {
    for (const n of b.next) {
      if (!branches || (n.branch === null ? branches.length > 0 : branches.includes(n.branch))) queue.push(n.target);
    }
  };
  for (const c of input.completions) {
    const b = input.graph.blocks.get(c.blockId);
    if (!b || !state.waiting.includes(b.id)) continue;
    state.waiting = state.waiting.filter((w) => w !== b.id);
    state.done[b.id] = "success";
    state.outputs[b.name] = completionOutput(c);
    const t = new Date();
    out.steps.push({ blockId: b.id, blockName: b.name, blockType: b.data.type, status: "success", inputs: { callback: c.kind }, outputs: c.result, error: null, startedAt: t, endedAt: t });
    out.logs.push({ blockId: b.id, level: "info", message: `${b.name}: callback (${c.kind}) ${str(c.result.status) || "done"}` });
    advance(b, null);
  }
  while (queue.length > 0 && !state.failed) {
    const id = queue.shift()!;
    const b = input.graph.blocks.get(id);
    if (!b || state.done[id] || state.waiting.includes(id)) continue;
    // A join runs once, when every required predecessor has finished.
    if (!b.requires.every((p) => state.done[p])) continue;
    const startedAt = new Date();
    try {
      const r = await execute(b, input, data, out);
      if (r.wait) {
        state.waiting.push(id);
        out.logs.push({ blockId: id, level: "info", message: `${b.name}: waiting`, detail: r.inputs });
        continue;
      }
      state.done[id] = "success";
      if (r.output) state.outputs[b.name] = r.output;
      out.steps.push({ blockId: id, blockName: b.name, blockType: b.data.type, status: "success", inputs: r.inputs ?? {}, outputs: r.output ?? {}, error: null, startedAt, endedAt: new Date() });
      out.logs.push({ blockId: id, level: "info", message: `${b.name} (${b.data.type}) succeeded` });
      advance(b, r.branches);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      state.done[id] = "failed";
      state.failed = `block ${b.name} failed: ${message}`;
      out.steps.push({ blockId: id, blockName: b.name, blockType: b.data.type, status: "failed", inputs: {}, outputs: {}, error: message, startedAt, endedAt: new Date() });
      out.logs.push({ blockId: id, level: "error", message: state.failed });
    }
  }
  if (state.failed) out.finished = { status: "failed", message: state.failed, outputs: {} };
  else if (state.waiting.length === 0) {
    // on_finish: each output's datapaths resolved and concatenated (deduplicated on request).
    const outputs: Record<string, unknown> = {};
    for (const o of input.outputSpec) {
      // Outputs are concatenated: a list value contributes its items (SOAR's phantom.concatenate).
      let vals = o.datapaths.flatMap((p) => collect(data, [p]).rows.flatMap((r) => (Array.isArray(r[0]) ? r[0] : [r[0]])));
      if (o.deduplicate) vals = [...new Set(vals.map((v) => JSON.stringify(v)))].map((v) => JSON.parse(v) as unknown);
      outputs[o.name] = vals;
    }
    out.finished = { status: "success", message: "playbook run succeeded", outputs };
  }
  return out;
}
