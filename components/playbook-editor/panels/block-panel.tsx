"use client";
// The side panel of the selected block: its name, its problems, and the form of its type.
import type { Problem } from "@/lib/engine/validate";
import type { NodeData } from "@/lib/schemas/playbooks";
import { KIND } from "../model/blocks";
import { ActionForm } from "./action-form";
import { CustomFunctionForm, PlaybookForm } from "./call-forms";
import { CodeForm } from "./code-form";
import { ConditionForm } from "./condition-form";
import { TextField } from "./controls";
import type { FormProps } from "./form-props";
import { FormatForm } from "./format-form";
import { PromptForm } from "./prompt-form";
import { UtilityForm } from "./utility-form";

function Form(p: Omit<FormProps<NodeData["type"]>, "block"> & { block: NodeData }) {
  const b = p.block;
  switch (b.type) {
    case "action": return <ActionForm {...p} block={b} />;
    case "filter": case "decision": return <ConditionForm {...p} block={b} />;
    case "format": return <FormatForm {...p} block={b} />;
    case "utility": return <UtilityForm {...p} block={b} />;
    case "prompt": return <PromptForm {...p} block={b} />;
    case "code": return <CodeForm {...p} block={b} />;
    case "custom_function": return <CustomFunctionForm {...p} block={b} />;
    case "playbook": return <PlaybookForm {...p} block={b} />;
    default: return <p className="text-xs text-slate-500">{b.type === "start" ? "Every run begins here." : "The run ends when nothing is left to do."}</p>;
  }
}

export function BlockPanel({ id, problems, readOnly, onDelete, ...p }: Omit<FormProps<NodeData["type"]>, "block"> & {
  id: string; block: NodeData; problems: Problem[]; readOnly: boolean; onDelete: () => void;
}) {
  const b = p.block;
  return (
    <div className="space-y-3" aria-label={`Settings of ${b.name ?? id}`}>
      <div className="flex items-center justify-between">
        <h2 className="text-sm font-semibold">{KIND[b.type].label} block</h2>
        {!readOnly && <button type="button" onClick={onDelete} className="text-xs text-red-700 hover:underline dark:text-red-400">Delete block</button>}
      </div>
      {problems.length > 0 && (
        <ul aria-label="Problems of this block" className="space-y-1">
          {problems.map((x, i) => <li key={i} className={`rounded px-2 py-1 text-xs ${x.severity === "error" ? "bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-300" : "bg-amber-50 text-amber-800 dark:bg-amber-950 dark:text-amber-300"}`}>{x.message}</li>)}
        </ul>
      )}
      <fieldset disabled={readOnly} className="space-y-3">
        <TextField label="Block name" mono value={b.name ?? ""} onChange={(name) => p.set({ ...b, name: name.replace(/[^A-Za-z0-9_]/g, "_") || undefined })} />
        <Form {...p} />
      </fieldset>
    </div>
  );
}
