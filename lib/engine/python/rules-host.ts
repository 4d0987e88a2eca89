// The host functions phantom.rules (lib/engine/python/site/phantom/rules.py) needs beyond the ones
// every code playbook gets (lib/engine/code-playbook.ts): SOAR's return shapes (condition's
// matched artifacts and results), custom functions run inline in the same interpreter, and what
// a playbook asks about itself (summary, playbook info, effective user).
import type { ActionResult, CfResult, RunData } from "../collect";
import { condition, recordFilterCondition, type Comparison } from "../condition";
import type { TurnOutput } from "../interpreter";
import type { HostFn } from "../sandbox";
import type { RunState } from "../types";
import { restBridge, runUser, type RestRequest } from "./rest-bridge";
import { vaultHost } from "./vault-host";

export interface PlaybookInfo { id: number; name: string; repo: string; run_id: number; container_id: number; effective_user: string; base_url: string }

/** Appended to the playbook's module: calls the queued functions by name with SOAR's keyword arguments. */
export const PY_DRIVER = `
for _vigil_fn, _vigil_args, _vigil_kwargs in __calls:
    _vigil_f = globals().get(_vigil_fn)
    if not callable(_vigil_f):
        if _vigil_fn == "on_finish":
            continue
        raise NameError(f"callback {_vigil_fn} is not defined in the playbook")
    __import__("_vigil_host").call("callback_started", _vigil_fn)
    if _vigil_fn in ("on_start", "on_finish"):
        _vigil_f(*_vigil_args)
    else:
        _vigil_f(**_vigil_kwargs)
`;

interface Ctx {
  data: RunData; state: RunState; out: TurnOutput; turnKey: string;
  pending: (name: string, callback: unknown) => string;
  info?: PlaybookInfo;
  customFunctions: Map<string, string>;
}

const opts = (logic: unknown, delimiter: unknown, cs: unknown) => ({ logic: logic === "or" ? "or" as const : "and" as const, delimiter: typeof delimiter === "string" ? delimiter : null, caseSensitive: cs !== false });

/**
 * What playbook Python (a SOAR playbook, or a SOAR custom function a graph playbook calls) asks of
 * the platform: who runs it, where Vigil's REST API is, phantom.requests to that API as the run's
 * user, and custom lists.
 */
export function platformHost(info: PlaybookInfo | undefined, data: Pick<RunData, "container" | "lists">): Record<string, HostFn> {
  const rest = info ? restBridge({ id: info.run_id, startedBy: info.effective_user, baseUrl: info.base_url }) : null;
  return {
    // SOAR answers the user's id (playbooks then GET /rest/ph_user/<id>); a run nobody started (a
    // trigger, a schedule) runs as the automation user.
    get_effective_user: async () => (info ? (await runUser(info.effective_user)).userId : null),
    get_playbook_info: () => ({ id: info?.id ?? null, name: info?.name ?? "", repo: info?.repo ?? "local", run_id: info?.run_id ?? null, container: data.container.id }),
    get_base_url: () => info?.base_url ?? "http://127.0.0.1:3000",
    rest_request: (req) => {
      if (!rest) throw new Error("phantom.requests: this run has no REST identity");
      return rest(req as RestRequest);
    },
    get_list: (name) => data.lists[String(name)] ?? null,
  };
}

export function pythonHost({ data, state, out, turnKey, info, customFunctions }: Ctx, base: Record<string, HostFn>): Record<string, HostFn> {
  const actionOutputs = () => Object.entries(state.outputs).flatMap(([name, o]) => (o.kind === "action" ? [{ name, results: o.results }] : []));
  const saveRunData = base.save_run_data;
  return {
    // SOAR's generated code keeps a code block's outputs as run data "<block>:<output>" (JSON), and
    // its datapaths read them as "<block>:custom_function:<output>": record them as the block's
    // outputs too, so format and collect2 find them.
    save_run_data: (key, value) => {
      saveRunData?.(key, value);
      const m = /^([A-Za-z0-9_]+):([A-Za-z0-9_]+)$/.exec(String(key));
      if (!m || typeof value !== "string") return;
      let parsed: unknown;
      try { parsed = JSON.parse(value); } catch { return; }
      const block = m[1]!.toLowerCase();
      const prev = state.outputs[block];
      if (prev && prev.kind !== "code") return;
      state.outputs[block] = { kind: "code", outputs: { ...(prev?.outputs ?? {}), [m[2]!]: parsed }, listRows: true };
    },
    ...vaultHost({ containerId: Number(data.container.id), turnKey, effects: out.effects }),
    // SOAR returns (matched_artifacts, matched_results); a match on values that are not artifacts
    // (playbook inputs, action results) must still be truthy.
    condition_rows: (conditions, logic, name, delimiter, cs) => {
      const r = condition(data, conditions as Comparison[], opts(logic, delimiter, cs));
      recordFilterCondition(state, name, r);
      const artifacts = r.matched ? data.artifacts.filter((a) => r.artifactIds.includes(a.id)) : [];
      const rows = Math.max(0, ...Object.values(r.kept).map((k) => k.length));
      return { artifacts, results: r.matched && artifacts.length === 0 ? Array.from({ length: Math.max(rows, 1) }, () => ({ matched: true })) : [] };
    },
    decision: (conditions, logic, delimiter, cs) => condition(data, conditions as Comparison[], opts(logic, delimiter, cs)).matched,
    get_format_list: (name) => { const o = state.outputs[String(name).toLowerCase()]; return o?.kind === "format" ? o.list : []; },
    error: (message) => { out.logs.push({ blockId: turnKey, level: "error", message: String(message) }); },
    custom_function_code: (ref) => {
      const code = customFunctions.get(String(ref).toLowerCase());
      if (code === undefined) throw new Error(`custom function ${String(ref)} does not exist in Vigil; import it first`);
      return code;
    },
    custom_function_done: (name, results) => {
      const key = String(name).toLowerCase();
      const list = results as CfResult[];
      state.outputs[key] = { kind: "cf", results: list };
      state.done[key] = list.some((r) => r.success) || list.length === 0 ? "success" : "failed";
      for (const r of list) if (!r.success) out.logs.push({ blockId: key, level: "error", message: `custom function ${key} failed: ${r.message}` });
      return key;
    },
    get_container: (id) => (id === null || id === undefined || Number(id) === Number(data.container.id) ? data.container : null),
    ...platformHost(info, data),
    // SOAR's shape: {id, playbook, status, message, result: [{name, action, status, message, app_runs}]},
    // each app run with its app_run_id, asset and app (null when the action could not start).
    get_summary: () => {
      const result = actionOutputs().map(({ name, results }) => ({
        name, action: (results[0] as { action?: string } | undefined)?.action ?? name, status: results.some((r) => r.status === "success") ? "success" : "failed",
        message: results.map((r) => r.message).filter(Boolean).join("; "),
        app_runs: results.map((r) => ({ app_run_id: null, asset_id: null, asset: null, app_id: null, app: null, ...r })),
      }));
      return { id: info?.run_id ?? null, playbook: info ? `${info.repo}/${info.name}` : "", status: state.failed ? "failed" : "success", message: state.failed ?? "", result };
    },
    get_action_results: (name) => actionOutputs().filter((a) => name === null || a.name === String(name).toLowerCase()).map(({ name: n, results }) => ({ name: n, action_results: results as ActionResult[] })),
  };
}
