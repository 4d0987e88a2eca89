// Code playbooks: a whole playbook in JavaScript calling the playbook API, or SOAR's generated
// Python (an imported playbook's .py, run in Pyodide with the phantom.rules module of
// lib/engine/python/site). Each turn evaluates the code afresh in its sandbox (nothing survives
// between turns but run data and engine-held results), then calls `on_start(container)` on the
// first turn or, by name, the callbacks of the actions, prompts and child runs that finished;
// when nothing is pending, `on_finish(container, summary)` runs and the run ends. Both languages
// get the same host functions: one engine, two front-ends.
import type { ActionResult, RunData } from "./collect";
import { condition, recordFilterCondition, type Comparison } from "./condition";
import { playbookApi } from "./code-blocks";
import { format } from "./format";
import type { TurnInput, TurnOutput } from "./interpreter";
import { runInSandbox, type HostFn } from "./sandbox";
import { PY_DRIVER, pythonHost, type PlaybookInfo } from "./python/rules-host";
import { runPython } from "./python/sandbox";
import type { Completion, StepRecord } from "./types";

const NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

// Calls the named functions the host queued; callbacks are top-level function declarations.
const DRIVER = `
for (const [fn, args] of __calls) {
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(fn)) throw new Error("bad callback name " + fn);
  let f;
  try { f = eval(fn); } catch { f = undefined; }
  if (typeof f !== "function") { if (fn === "on_finish") continue; throw new Error("callback " + fn + " is not defined"); }
  host.callback_started(fn);
  f(...args);
}`;

/** A function to call by name: positional arguments (JavaScript) and keyword arguments (Python). */
type Call = [string, unknown[], Record<string, unknown>];

function callbackArgs(c: Completion & { callback: string; name: string }, container: Record<string, unknown>, handle: unknown): Call {
  const results = (c.result.results ?? []) as ActionResult[];
  const success = c.kind === "playbook" ? c.result.status === "success" : results.some((r) => r.status === "success");
  // SOAR's action argument: {action_run_id, action_name, action, name}.
  const action = { action: c.kind === "action" ? (c.result.action ?? c.kind) : c.kind, name: c.name, action_name: c.name, action_run_id: c.result.action_run_id ?? null };
  return [c.callback, [action, success, container, results, handle], { action, success, container, results, handle, filtered_artifacts: null, filtered_results: null }];
}

export interface CodeTurnInput extends Omit<TurnInput, "graph"> {
  code: string;
  language?: "javascript" | "python";
  /** Who and what is running (phantom.get_playbook_info, get_effective_user). */
  info?: PlaybookInfo;
}

/** Runs the code with the calls queued: the JavaScript sandbox or the Python one. */
async function execute(input: CodeTurnInput, calls: Call[], host: Record<string, HostFn>): Promise<{ ok: boolean; error?: string; printed?: string }> {
  if (input.language === "python") {
    return runPython({ code: `${input.code}\n${PY_DRIVER}`, filename: `${input.info?.name ?? "playbook"}.py`, globals: { __calls: calls }, host });
  }
  return runInSandbox({ code: `const phantom = host;\n${input.code}\n${DRIVER}`, globals: { __calls: calls.map(([f, a]) => [f, a]) }, host });
}

/**
 * What the debugger shows of a turn: the functions called, in order, each with the completion
 * that resumed it, the actions, prompts and child runs it started, and its log lines (tagged with
 * the function by the driver's `callback_started` before each call). Recorded as the turn's step.
 */
function callTrace(out: TurnOutput, turnKey: string, completions: Completion[]) {
  const marks: { fn: string; logs: number; callbacks: number; children: number }[] = [];
  let turnMarks = 0;
  const tag = () => {
    marks.forEach((m, i) => {
      const next = marks[i + 1];
      for (const l of out.logs.slice(m.logs, next?.logs ?? out.logs.length)) if (l.blockId === turnKey || l.detail === undefined) l.detail = { ...(l.detail as object ?? {}), function: m.fn, turn: turnKey };
    });
  };
  const started = (m: { fn: string; callbacks: number; children: number }, next?: { callbacks: number; children: number }) => [
    ...out.callbacks.slice(m.callbacks, next?.callbacks ?? out.callbacks.length).map((c) => ({ function: m.fn, name: c.blockId, kind: c.kind })),
    ...out.children.slice(m.children, next?.children ?? out.children.length).map((c) => ({ function: m.fn, name: c.blockId, kind: "playbook" })),
  ];
  return {
    started: (fn: unknown) => { marks.push({ fn: String(fn), logs: out.logs.length, callbacks: out.callbacks.length, children: out.children.length }); },
    step: (names: string[], startedAt: Date): StepRecord => {
      tag();
      turnMarks = marks.length;
      const s: StepRecord = {
        blockId: turnKey, blockName: names.join(",") || "resume", blockType: "code", status: "success",
        inputs: { calls: names, resumed: completions.filter((c) => c.callback).map((c) => ({ function: c.callback, name: c.blockId, kind: c.kind })) },
        outputs: { started: marks.flatMap((m, i) => started(m, marks[i + 1])) }, error: null, startedAt, endedAt: new Date(),
      };
      out.steps.push(s);
      return s;
    },
    /** on_finish ran in a second call of the sandbox: its lines and what it started join the step. */
    finish: (s: StepRecord) => {
      const from = turnMarks;
      tag();
      (s.inputs as { calls: string[] }).calls.push(...marks.slice(from).map((m) => m.fn));
      (s.outputs as { started: unknown[] }).started.push(...marks.slice(from).flatMap((m, i) => started(m, marks[from + i + 1])));
      s.endedAt = new Date();
    },
    fail: (s: StepRecord, error: string) => { s.status = "failed"; s.error = error; },
  };
}

export async function runCodeTurn(input: CodeTurnInput): Promise<TurnOutput> {
  const state = structuredClone(input.state);
  const out: TurnOutput = { state, steps: [], logs: [], effects: [], callbacks: [], children: [], finished: null };
  const data: RunData = { ...input.data, blocks: state.outputs };
  const first = state.frontier.includes("on_start");
  state.frontier = [];
  const calls: Call[] = first ? [["on_start", [data.container], { container: data.container }]] : [];
  for (const c of input.completions) {
    if (!state.waiting.includes(c.blockId)) continue;
    state.waiting = state.waiting.filter((w) => w !== c.blockId);
    const meta = { callback: c.callback ?? "", name: c.blockId };
    state.done[c.blockId] = "success";
    state.outputs[meta.name] = c.kind === "playbook" ? { kind: "playbook", outputs: (c.result.outputs ?? {}) as Record<string, unknown> } : { kind: "action", results: (c.result.results ?? []) as ActionResult[] };
    const handle = state.runData[`__handle:${c.blockId}`];
    if (meta.callback) calls.push(callbackArgs({ ...c, ...meta }, data.container, handle === undefined ? null : JSON.parse(handle)));
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
      recordFilterCondition(state, name, r);
      return r.matched ? r.artifactIds : [];
    },
    decision: (conditions, logic) => condition(data, conditions as Comparison[], { logic: logic === "or" ? "or" : "and" }).matched,
    format: (template, parameters, name, options) => {
      const f = format(data, String(template), (parameters ?? []) as unknown[], (options ?? {}) as { dropNone?: boolean; separator?: string });
      if (name) state.outputs[String(name).toLowerCase()] = { kind: "format", text: f.text, list: f.list };
      return f.text;
    },
    get_format_data: (name) => { const o = state.outputs[String(name).toLowerCase()]; return o?.kind === "format" ? o.text : null; },
    completed: (names) => (names as string[]).every((n) => state.done[String(n).toLowerCase()]),
    save_playbook_output_data: (output) => { state.runData["__outputs"] = JSON.stringify({ ...JSON.parse(state.runData["__outputs"] ?? "{}"), ...(output as object) }); },
    act: (action, opts) => {
      const o = (opts ?? {}) as Record<string, unknown>;
      const key = pending(String(o.name ?? ""), o.callback);
      if (o.handle !== undefined && o.handle !== null) state.runData[`__handle:${key}`] = JSON.stringify(o.handle);
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
  let discontinued = false;
  host.discontinue = (comment) => {
    discontinued = true;
    out.logs.push({ blockId: turnKey, level: "info", message: `phantom.discontinue() called${comment ? `: ${String(comment)}` : ""}` });
  };
  if (input.language === "python") Object.assign(host, pythonHost({ data, state, out, turnKey, pending, info: input.info, customFunctions: input.customFunctions }, { ...host }));
  const trace = callTrace(out, turnKey, input.completions);
  host.callback_started = trace.started;
  const onFinish = async () => {
    const summary = input.language === "python" ? await host.get_summary!() : {};
    return execute(input, [["on_finish", [data.container, summary], { container: data.container, summary }]], host);
  };
  const startedAt = new Date();
  const r = await execute(input, calls, host);
  if (r.printed) out.logs.push({ blockId: turnKey, level: "debug", message: r.printed });
  const step = trace.step(calls.map((c) => c[0]), startedAt);
  if (!r.ok) {
    state.failed = `${calls.map((c) => c[0]).join(", ") || "the playbook"} failed: ${r.error}`;
    out.logs.push({ blockId: turnKey, level: "error", message: state.failed });
    trace.fail(step, state.failed);
    // As in SOAR, on_finish still runs once when a callback raised; the run ends failed with the
    // callback's error. Nothing started in the failed turn is kept.
    out.callbacks = [];
    out.children = [];
    state.waiting = [];
    const fin = calls.some((c) => c[0] === "on_finish") ? null : await onFinish();
    if (fin) trace.finish(step);
    if (fin && !fin.ok) out.logs.push({ blockId: turnKey, level: "error", message: `on_finish failed: ${fin.error}` });
    out.finished = { status: "failed", message: state.failed, outputs: JSON.parse(state.runData["__outputs"] ?? "{}") as Record<string, unknown> };
    return out;
  }
  if (discontinued) {
    // phantom.discontinue(): nothing more is started or waited for; on_finish runs below.
    out.callbacks = [];
    out.children = [];
    state.waiting = [];
  }
  state.done[turnKey] = "success";
  if (state.waiting.length === 0) {
    const fin = await onFinish();
    trace.finish(step);
    if (!fin.ok) {
      trace.fail(step, `on_finish failed: ${fin.error}`);
      out.finished = { status: "failed", message: `on_finish failed: ${fin.error}`, outputs: {} };
      return out;
    }
    out.finished = { status: "success", message: "playbook run succeeded", outputs: JSON.parse(state.runData["__outputs"] ?? "{}") as Record<string, unknown> };
  }
  return out;
}
