// What the datapath picker offers a block: exactly what runs before it produces. Container and
// artifact fields (CEF keys seen on containers with the playbook's labels), playbook inputs, and
// per upstream block its outputs: action results (the app manifest's output data paths), prompt
// answers, format text, code outputs, custom function results, a child playbook's outputs (its
// output spec), and a filter's kept rows.
import type { Graph } from "@/lib/schemas/playbooks";
import { ancestors, blockName, datapathSlots } from "@/lib/engine/validate";
import { isDatapath } from "@/lib/engine/datapaths";

export interface DatapathOption { value: string; group: string }
export interface PickerContext {
  cefFields: string[];
  inputs: string[];
  /** Output data paths of an action, from the app manifests. */
  actionOutputs: (action: string) => string[];
  /** Output names of a playbook (repo/name, or a name alone), from its output spec. */
  playbookOutputs?: (playbook: string) => string[];
}

const CONTAINER = ["id", "name", "label", "severity", "sensitivity", "status", "owner", "description", "source_data_identifier"];
const CEF_COMMON = ["sourceAddress", "destinationAddress", "destinationDnsDomain", "requestURL", "fileHash", "fileName", "sourceUserName", "emailFrom"];

export function datapathOptions(graph: Graph, blockId: string, ctx: PickerContext): DatapathOption[] {
  const out: DatapathOption[] = [];
  const add = (group: string, values: string[]) => { for (const value of values) if (!out.some((o) => o.value === value)) out.push({ value, group }); };
  add("Artifacts", [...new Set([...ctx.cefFields, ...CEF_COMMON])].sort().map((f) => `artifact:*.cef.${f}`).concat(["artifact:*.id", "artifact:*.name", "artifact:*.label"]));
  add("Container", CONTAINER.map((f) => `container:${f}`));
  add("Playbook inputs", ctx.inputs.map((i) => `playbook_input:${i}`));
  const up = [...ancestors(graph, blockId)].map((id) => graph.nodes[id]).filter((n) => n !== undefined);
  for (const n of up) {
    const d = n.data, name = blockName(n.id, d), group = `Block ${name}`;
    switch (d.type) {
      case "action": {
        const outputs = ctx.actionOutputs(d.action).filter((p) => p.startsWith("action_result."));
        add(group, ["action_result.status", "action_result.message", ...Object.keys(d.parameters).map((p) => `action_result.parameter.${p}`), ...outputs].map((p) => `${name}:${p}`));
        break;
      }
      case "prompt": add(group, [`${name}:action_result.status`, `${name}:action_result.summary.responses.0`, `${name}:action_result.summary.responder`]); break;
      case "format": add(group, [`${name}:formatted_data`, `${name}:formatted_data.*`]); break;
      case "code": add(group, d.outputVariables.map((v) => `${name}:custom_function:${v}`)); break;
      case "playbook": add(group, (ctx.playbookOutputs?.(d.playbook) ?? []).map((o) => `${name}:playbook_output:${o}`)); break;
      case "custom_function": add(group, [`${name}:custom_function_result.data`, `${name}:custom_function_result.success`, `${name}:custom_function_result.message`]); break;
      case "filter": {
        // A filter's kept rows: the datapaths its comparisons read, seen through each condition.
        const read = datapathSlots(d).map((s) => s.value).filter((v): v is string => isDatapath(v) && !v.startsWith("filtered-data:"));
        add(group, d.conditions.flatMap((_, i) => [...new Set(read)].map((p) => `filtered-data:${name}:condition_${i + 1}:${p}`)));
        break;
      }
    }
  }
  return out;
}
