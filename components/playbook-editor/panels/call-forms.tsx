"use client";
// Blocks that call something else: a custom function of the repository (with named
// parameters) and another playbook (synchronously or not).
import { DatapathInput } from "./datapath-input";
import { SelectField, SmallButton, TextField, asText } from "./controls";
import type { FormProps } from "./form-props";

export function CustomFunctionForm({ block, set, options, ctx }: FormProps<"custom_function">) {
  const names = Object.keys(block.parameters);
  return (
    <div className="space-y-2">
      <SelectField label="Custom function" required value={block.customFunction} options={["", ...ctx.customFunctions]} onChange={(customFunction) => set({ ...block, customFunction })} />
      <SelectField label="Called with" value={block.inputType} options={[{ value: "item", label: "each row" }, { value: "list", label: "all rows as lists" }]} onChange={(v) => set({ ...block, inputType: v as "item" | "list" })} />
      {names.map((n) => <DatapathInput key={n} label={n} value={asText(block.parameters[n])} options={options} onChange={(v) => set({ ...block, parameters: { ...block.parameters, [n]: v } })} />)}
      <TextField label="New parameter name" value="" onChange={(n) => { if (/^\w+$/.test(n)) set({ ...block, parameters: { ...block.parameters, [n]: "" } }); }} />
    </div>
  );
}

export function PlaybookForm({ block, set, options, ctx }: FormProps<"playbook">) {
  const inputs = Object.entries(block.inputs);
  return (
    <div className="space-y-2">
      <SelectField label="Playbook" required value={block.playbook} options={["", ...ctx.playbooks]} onChange={(playbook) => set({ ...block, playbook })} />
      <label className="flex items-center gap-2 text-xs">
        <input type="checkbox" checked={block.synchronous} onChange={(e) => set({ ...block, synchronous: e.target.checked })} /> Wait for it to finish
      </label>
      {inputs.map(([k, v]) => (
        <DatapathInput key={k} label={`Input ${k}`} value={asText(v.datapaths[0])} options={options} onChange={(p) => set({ ...block, inputs: { ...block.inputs, [k]: { ...v, datapaths: [p] } } })} />
      ))}
      <SmallButton onClick={() => set({ ...block, inputs: { ...block.inputs, [`input_${inputs.length + 1}`]: { datapaths: [""], deduplicate: false } } })}>Add input</SmallButton>
    </div>
  );
}
