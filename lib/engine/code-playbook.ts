// Code playbooks: a whole playbook in JavaScript calling the playbook API, as SOAR's generated
// Python does. Each turn evaluates the code afresh in the sandbox (nothing survives between
// turns but run data and engine-held results), then calls `on_start(container)` on the first
// turn or, by name, the callbacks of the actions, prompts and child runs that finished; when
// nothing is pending, `on_finish(container, summary)` runs and the run ends.
import type { ActionResult, RunData } from "./collect";
import { condition, type Comparison } from "./condition";
import { playbookApi } from "./code-blocks";
import { format } from "./format";
import type { TurnInput, TurnOutput } from "./interpreter";
import { runInSandbox, type HostFn } from "./sandbox";
import type { Completion } from "./types";

const NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

// Calls the named functions the host queued; callbacks are top-level function declarations.
const DRIVER = `
for (const [fn, args] of __calls) {
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(fn)) throw new Error("bad callback name " + fn);
  let f;
  try { f = eval(fn); } catch { f = undefined; }
  if (typeof f !== "function") { if (fn === "on_finish") continue; throw new Error("callback " + fn + " is not defined"); }
  f(...args);
}`;

type Call = [string, unknown[]];

function callbackArgs(c: Completion & { callback: string; name: string }, container: Record<string, unknown>): unknown[] {
  const results = (c.result.results ?? []) as ActionResult[];
  const success = c.kind === "playbook" ? c.result.status === "success" : results.some((r) => r.status === "success");
  return [{ action: c.kind, name: c.name, action_name: c.name }, success, container, results, c.result.handle ?? null];
}

export async function runCodeTurn(input: Omit<TurnInput, "graph"> & { code: string }): Promise<TurnOutput> {
  const state = structuredClone(input.state);
  const out: TurnOutput = { state, steps: [], logs: [], effects: [], callbacks: [], children: [], finished: null };
  const data: RunData = { ...input.data, blocks: state.outputs };
  const first = state.frontier.includes("on_start");
  state.frontier = [];
  const calls: Call[] = first ? [["on_start", [data.container]]] : [];
  for (const c of input.completions) {
    if (!state.waiting.includes(c.blockId)) continue;
    state.waiting = state.waiting.filter((w) => w !== c.blockId);
    const meta = { callback: c.callback ?? "", name: c.blockId };
    state.done[c.blockId] = "success";
    state.outputs[meta.name] = c.kind === "playbook" ? { kind: "playbook", outputs: (c.result.outputs ?? {}) as Record<string, unknown> } : { kind: "action", results: (c.result.results ?? []) as ActionResult[] };
    if (meta.callback) calls.push([meta.callback, callbackArgs({ ...c, ...meta }, data.container)]);
  }
  const turnKey = `turn_${Object.keys(state.done).length}`;
  const pending = (name: string, callback: unknown): string => {
    const key = String(name || `call_${out.callbacks.length + out.children.length}`).toLowerCase();
    if (state.waiting.includes(key) || state.done[key]) throw new Error(`a block named ${key} already ran in this run; give each call its own name`);
    if (callback !== undefined && callback !== null && (typeof callback !== "string" || !NAME.test(callback))) throw new Error("callback: pass the callback function's name as a string");
    state.waiting.push(key);
    return key;
  };
  const host: Record<string, HostFn> = {
    ...playbookApi(turnKey, data, state, out),
    condition: (conditions, logic, name) => {
      const r = condition(data, conditions as Comparison[], { logic: logic === "or" ? "or" : "and" });
      const m = /^(.+):condition_(\d+)$/.exec(String(name ?? ""));
      if (m) {
        const prev = state.outputs[m[1]!.toLowerCase()];
        const conds = prev?.kind === "filter" ? prev.conditions : {};
        if (r.matched) conds[m[2]!] = r.kept;
        state.outputs[m[1]!.toLowerCase()] = { kind: "filter", conditions: conds };
      }
      return r.matched ? r.artifactIds : [];
    },
    decision: (conditions, logic) => condition(data, conditions as Comparison[], { logic: logic === "or" ? "or" : "and" }).matched,
    format: (template, parameters, name) => {
      const f = format(data, String(template), (parameters ?? []) as unknown[]);
      if (name) state.outputs[String(name).toLowerCase()] = { kind: "format", text: f.text, list: f.list };
      return f.text;
    },
    get_format_data: (name) => { const o = state.outputs[String(name).toLowerCase()]; return o?.kind === "format" ? o.text : null; },
    completed: (names) => (names as string[]).every((n) => state.done[String(n).toLowerCase()]),
    save_playbook_output_data: (output) => { state.runData["__outputs"] = JSON.stringify({ ...JSON.parse(state.runData["__outputs"] ?? "{}"), ...(output as object) }); },
    act: (action, opts) => {
      const o = (opts ?? {}) as Record<string, unknown>;
      const key = pending(String(o.name ?? ""), o.callback);
      out.callbacks.push({ blockId: key, kind: "action", detail: { action: String(action), assets: o.assets ?? [], parameters: o.parameters ?? [{}], name: key, callback: o.callback ?? null } });
    },
    prompt2: (opts) => {
      const o = (opts ?? {}) as Record<string, unknown>;
      const key = pending(String(o.name ?? ""), o.callback);
      const mins = Number(o.respond_in_mins ?? 30);
      out.callbacks.push({ blockId: key, kind: "prompt", detail: { approver: o.user ? { user: o.user } : { role: o.role ?? "administrator" }, message: String(o.message ?? ""), responses: o.responses ?? [], responseTime: mins, callback: o.callback ?? null }, due: new Date(Date.now() + mins * 60_000) });
    },
    playbook: (ref, opts) => {
      const o = (opts ?? {}) as Record<string, unknown>;
      const synchronous = typeof o.callback === "string";
      const key = synchronous ? pending(String(o.name ?? ""), o.callback) : `async_${out.children.length}`;
      out.children.push({ blockId: key, playbook: String(ref), inputs: (o.inputs ?? {}) as Record<string, unknown>, synchronous, callback: synchronous ? String(o.callback) : null });
    },
  };
  const r = await runInSandbox({ code: `const phantom = host;\n${input.code}\n${DRIVER}`, globals: { __calls: calls }, host });
  if (!r.ok) {
    state.failed = `${calls.map((c) => c[0]).join(", ") || "the playbook"} failed: ${r.error}`;
    out.logs.push({ blockId: turnKey, level: "error", message: state.failed });
    out.finished = { status: "failed", message: state.failed, outputs: {} };
    return out;
  }
  const t = new Date();
  out.steps.push({ blockId: turnKey, blockName: calls.map((c) => c[0]).join(",") || "resume", blockType: "code", status: "success", inputs: { calls: calls.map((c) => c[0]) }, outputs: {}, error: null, startedAt: t, endedAt: t });
  state.done[turnKey] = "success";
  if (state.waiting.length === 0) {
    const fin = await runInSandbox({ code: `const phantom = host;\n${input.code}\n${DRIVER}`, globals: { __calls: [["on_finish", [data.container, {}]]] }, host });
    if (!fin.ok) {
      out.finished = { status: "failed", message: `on_finish failed: ${fin.error}`, outputs: {} };
      return out;
    }
    out.finished = { status: "success", message: "playbook run succeeded", outputs: JSON.parse(state.runData["__outputs"] ?? "{}") as Record<string, unknown> };
  }
  return out;
}
