// A code playbook's run (SOAR's Python, or JavaScript) as the debugger shows it: the functions
// called, in order, each with what resumed it (the action, prompt or child run whose callback it
// is: its parameters and results), its phantom.debug lines, and what it started. Built from what
// the engine records per turn (lib/engine/code-playbook.ts: the step's calls, resumed and started;
// each log line's function) and the run's callback rows.

export interface CallbackRow { blockId: string; kind: string; status: string; detail: unknown; result: unknown }
interface StepRow { blockId: string; status: string; error: string | null; inputs: unknown; outputs: unknown; startedAt: string }
interface LogRow { blockId: string | null; level: string; message: string; detail: unknown; time: string }

export interface Waited { name: string; kind: string; status: string; parameters: unknown; assets: unknown; results: unknown; message: string | null }
export interface FunctionCall {
  turn: string; function: string; status: string; error: string | null; at: string;
  /** The action, prompt or child run whose callback this function is. */
  resumedBy: Waited | null;
  logs: { level: string; message: string; time: string }[];
  /** Actions, prompts and child runs it started, with their parameters. */
  started: Waited[];
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});

/** pending, or what came back: an action succeeded if one of its results did (as SOAR's success). */
function outcome(cb: CallbackRow | undefined, r: Obj): string {
  if (!cb) return "not recorded";
  if (cb.status === "pending") return "waiting";
  if (Array.isArray(r.results)) return (r.results as Obj[]).some((x) => x.status === "success") ? "success" : "failed";
  return typeof r.status === "string" ? r.status : cb.status;
}

function waited(name: string, kind: string, cb: CallbackRow | undefined): Waited {
  const d = obj(cb?.detail), r = obj(cb?.result);
  const results = r.results ?? (Object.keys(r).length ? r : null);
  const messages = Array.isArray(r.results) ? (r.results as Obj[]).map((x) => x.message).filter((m): m is string => typeof m === "string" && m !== "") : [];
  return {
    name, kind, status: outcome(cb, r), parameters: d.parameters ?? d.inputs ?? (kind === "prompt" ? { message: d.message, responses: d.responses } : null),
    assets: d.assets ?? null, results, message: messages.join("; ") || (typeof r.message === "string" ? r.message : null),
  };
}

/** Null for a run with no code-playbook steps (a graph playbook's run). */
export function codeRunCalls(steps: StepRow[], logs: LogRow[], callbacks: CallbackRow[]): FunctionCall[] | null {
  const turns = steps.filter((s) => Array.isArray(obj(s.inputs).calls));
  if (turns.length === 0) return null;
  const byName = new Map(callbacks.map((c) => [c.blockId, c]));
  const calls: FunctionCall[] = [];
  for (const s of turns) {
    const names = obj(s.inputs).calls as string[];
    const resumed = (Array.isArray(obj(s.inputs).resumed) ? obj(s.inputs).resumed : []) as { function: string; name: string; kind: string }[];
    const started = (Array.isArray(obj(s.outputs).started) ? obj(s.outputs).started : []) as { function: string; name: string; kind: string }[];
    const turnLogs = logs.filter((l) => l.blockId === s.blockId || obj(l.detail).turn === s.blockId);
    // Lines not tagged with a function (older runs, the turn's own error) go to the first call, or
    // to the last one of a failed turn (where it failed).
    // A failed turn failed in the last function it called, or, when on_finish ran after a callback
    // raised (as SOAR runs it), in the one before on_finish.
    const failedAt = s.status !== "failed" ? -1
      : names.length > 1 && names[names.length - 1] === "on_finish" && !String(s.error ?? "").startsWith("on_finish failed") ? names.length - 2 : names.length - 1;
    const untagged = failedAt >= 0 ? names[failedAt] : names[0];
    const used = new Set<string>();
    names.forEach((fn, i) => {
      const r = resumed.find((x) => x.function === fn && !used.has(x.name));
      if (r) used.add(r.name);
      const failed = i === failedAt;
      calls.push({
        turn: s.blockId, function: fn, at: s.startedAt,
        status: failed ? "failed" : "success", error: failed ? s.error : null,
        resumedBy: r ? waited(r.name, r.kind, byName.get(r.name)) : null,
        logs: turnLogs.filter((l) => (obj(l.detail).function ?? untagged) === fn).map((l) => ({ level: l.level, message: l.message, time: l.time })),
        started: started.filter((x) => x.function === fn).map((x) => waited(x.name, x.kind, byName.get(x.name))),
      });
    });
  }
  return calls;
}
