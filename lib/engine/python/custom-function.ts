// A SOAR (Python) custom function called from a graph playbook's custom function block: the same
// sandbox and phantom.rules module as SOAR playbooks, the block's parameters as keyword arguments,
// and SOAR's result shape {success, message, data}. phantom calls the function makes (debug,
// add_note, collect2 ...) are the graph playbook's host functions for that block.
import type { CfResult } from "../collect";
import type { HostFn } from "../sandbox";
import { runPython } from "./sandbox";

const DRIVER = (fn: string) => `
try:
    __data = ${fn}(**__params)
    __result = {"success": True, "message": "", "data": __data if __data is not None else {}}
except Exception as __e:  # the function's own failure is its result, as in SOAR
    __result = {"success": False, "message": f"{type(__e).__name__}: {__e}", "data": {}}
`;

export async function runPythonCustomFunction(ref: string, code: string, parameters: Record<string, unknown>, host: Record<string, HostFn>): Promise<CfResult> {
  const fn = ref.split("/").pop() ?? "";
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(fn)) return { success: false, message: `custom function ${ref}: "${fn}" is not a Python function name`, data: {} };
  const r = await runPython({ code: `${code}\n${DRIVER(fn)}`, filename: `${ref}.py`, globals: { __params: parameters }, host, read: ["__result"] });
  if (!r.ok) return { success: false, message: r.error, data: {} };
  return (r.values.__result as CfResult | undefined) ?? { success: false, message: "the custom function gave no result", data: {} };
}
