// Every block type the engine runs, with what the palette shows and what a new block starts as.
import type { NodeData } from "@/lib/schemas/playbooks";

export type BlockType = NodeData["type"];

export interface BlockKind { type: BlockType; label: string; hint: string; accent: string }

/** Palette order; the accent colours the block's header stripe. */
export const BLOCK_KINDS: BlockKind[] = [
  { type: "start", label: "Start", hint: "where every run begins", accent: "bg-emerald-500" },
  { type: "action", label: "Action", hint: "run an app action on assets", accent: "bg-blue-500" },
  { type: "filter", label: "Filter", hint: "keep the rows that match", accent: "bg-amber-500" },
  { type: "decision", label: "Decision", hint: "take the first branch that holds", accent: "bg-orange-500" },
  { type: "format", label: "Format", hint: "build text from data", accent: "bg-violet-500" },
  { type: "prompt", label: "Prompt", hint: "ask a person and wait", accent: "bg-pink-500" },
  { type: "code", label: "Code", hint: "JavaScript in the sandbox", accent: "bg-slate-600" },
  { type: "utility", label: "Utility", hint: "note, status, tag, owner ...", accent: "bg-teal-500" },
  { type: "custom_function", label: "Custom function", hint: "a function of the repository", accent: "bg-cyan-600" },
  { type: "playbook", label: "Playbook", hint: "call another playbook", accent: "bg-indigo-500" },
  { type: "end", label: "End", hint: "where every run finishes", accent: "bg-rose-500" },
];
export const KIND = Object.fromEntries(BLOCK_KINDS.map((k) => [k.type, k])) as Record<BlockType, BlockKind>;

/** A new block's settings; its name is `<type>_<n>`, unique in the playbook. */
export function newBlockData(type: BlockType, name: string): NodeData {
  const common = { name };
  switch (type) {
    case "start": case "end": return { type, ...common };
    case "action": return { type, ...common, action: "", assets: [], parameters: {} };
    case "filter": return { type, ...common, conditions: [{ logic: "and", comparisons: [{ param: "", op: "==", value: "" }] }] };
    case "decision": return { type, ...common, conditions: [{ logic: "and", type: "if", comparisons: [{ param: "", op: "==", value: "" }] }, { logic: "and", type: "else", comparisons: [] }] };
    case "format": return { type, ...common, template: "", parameters: [] };
    case "prompt": return { type, ...common, approver: { role: "analyst" }, message: "", parameters: [], responseTime: 30, responses: [{ prompt: "Proceed?", type: "yes/no" }] };
    case "code": return { type, ...common, code: "// phantom.debug(...), phantom.collect2([...]) ...\n", inputParameters: [], outputVariables: [] };
    case "utility": return { type, ...common, utility: "add_note", values: {} };
    case "custom_function": return { type, ...common, customFunction: "", parameters: {}, inputType: "item" };
    case "playbook": return { type, ...common, playbook: "", synchronous: true, inputs: {} };
  }
}

/** The first free `<type>_<n>` name. */
export function freeName(type: BlockType, taken: Set<string>): string {
  for (let n = 1; ; n++) if (!taken.has(`${type}_${n}`)) return `${type}_${n}`;
}

/** A one-line summary shown on the block. */
export function summary(d: NodeData): string {
  switch (d.type) {
    case "action": return d.action ? `${d.action}${d.assets.length ? ` on ${d.assets.join(", ")}` : ""}` : "no action chosen";
    case "filter": case "decision": return `${d.conditions.length} condition${d.conditions.length === 1 ? "" : "s"}`;
    case "format": return d.template ? d.template.slice(0, 40) : "empty template";
    case "prompt": return d.message ? d.message.slice(0, 40) : "no message";
    case "code": return `${d.code.split("\n").length} line(s)`;
    case "utility": return d.utility.replace(/_/g, " ");
    case "custom_function": return d.customFunction || "no function chosen";
    case "playbook": return d.playbook || "no playbook chosen";
    default: return "";
  }
}
