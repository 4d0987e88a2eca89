// Code blocks and custom functions: JavaScript in the sandbox with the playbook API as host
// functions. Container changes they ask for are recorded as effects and committed with the step.
import { collect, type CfResult, type RunData } from "./collect";
import { format } from "./format";
import type { Block } from "./graph";
import { runInSandbox, type HostFn } from "./sandbox";
import type { Effect, EffectBody, LogRecord, RunState } from "./types";

interface Sink { effects: Effect[]; logs: LogRecord[] }

const text = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v ?? ""));

/** The playbook API inside the sandbox (`phantom.*`, SOAR's names; JSON in, JSON out). */
export function playbookApi(blockId: string, data: RunData, state: RunState, sink: Sink): Record<string, HostFn> {
  const effect = (e: EffectBody) => { sink.effects.push({ ...e, blockId }); };
  return {
    debug: (v) => { sink.logs.push({ blockId, level: "debug", message: text(v) }); },
    collect2: (datapaths) => collect(data, datapaths as string[]).rows,
    format: (template, parameters) => format(data, String(template), (parameters ?? []) as unknown[]).text,
    save_run_data: (key, value) => { state.runData[String(key)] = text(value); },
    // A missing key reads "" as in SOAR, not null.
    get_run_data: (key) => state.runData[String(key)] ?? "",
    add_note: (title, content) => effect({ kind: "note", title: text(title), content: text(content) }),
    comment: (comment) => effect({ kind: "comment", text: text(comment) }),
    set_status: (status) => effect({ kind: "update", status: String(status) }),
    set_severity: (severity) => effect({ kind: "update", severity: String(severity) }),
    set_sensitivity: (s) => effect({ kind: "update", sensitivity: String(s) }),
    set_owner: (owner) => effect({ kind: "update", owner: String(owner) }),
    add_tag: (tags) => effect({ kind: "update", addTags: (Array.isArray(tags) ? tags : [tags]).map(String) }),
    promote_to_case: () => effect({ kind: "promote" }),
    pin: (message, data) => effect({ kind: "pin", message: text(message), data: data === undefined ? "" : text(data) }),
    add_artifact: (name, cef, label, severity) => effect({ kind: "artifact", name: text(name), label: label ? String(label) : "playbook", severity: severity ? String(severity) : undefined, cef: (cef ?? {}) as Record<string, unknown> }),
    add_to_list: (list, row) => effect({ kind: "list_add", list: String(list), row: Array.isArray(row) ? row : [row] }),
  };
}

// `phantom` wraps the host functions so code reads like SOAR's (phantom.debug, phantom.collect2 ...).
const API_PRELUDE = "const phantom = host;\n";

export async function runCode(b: Block, data: RunData, state: RunState, sink: Sink): Promise<Record<string, unknown>> {
  if (b.data.type !== "code") throw new Error("not a code block");
  const inputs = Object.fromEntries(b.data.inputParameters.map((p) => [p, collect(data, [p]).rows.map((r) => r[0])]));
  const outputs = Object.fromEntries(b.data.outputVariables.map((v) => [v, null]));
  const r = await runInSandbox({
    code: API_PRELUDE + b.data.code,
    globals: { inputs, outputs, container: data.container },
    host: playbookApi(b.id, data, state, sink),
    read: ["outputs"],
  });
  if (!r.ok) throw new Error(r.error);
  const got = (r.values.outputs ?? {}) as Record<string, unknown>;
  // Each output is also run data under `<block>:<output>`, as SOAR's generated code saves it.
  for (const v of b.data.outputVariables) state.runData[`${b.name}:${v}`] = JSON.stringify(got[v] ?? null);
  return got;
}

/** One call of a repository custom function: `parameters` in, `outputs` (its data) out. */
export async function runCustomFunction(code: string, parameters: Record<string, unknown>): Promise<CfResult> {
  const r = await runInSandbox({ code, globals: { parameters, outputs: {} }, read: ["outputs"] });
  return r.ok ? { success: true, message: "", data: r.values.outputs ?? {} } : { success: false, message: r.error, data: {} };
}
