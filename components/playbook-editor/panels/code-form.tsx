"use client";
// A code block: JavaScript in the sandbox calling `phantom.*`, its inputs (datapaths, read as
// lists) and the output variables downstream blocks read as `<block>:custom_function:<name>`.
import { CodeEditor } from "./code-editor";
import { DatapathInput } from "./datapath-input";
import { SmallButton, TextField } from "./controls";
import type { FormProps } from "./form-props";

export function CodeForm({ block, set, options }: FormProps<"code">) {
  return (
    <div className="space-y-2">
      <CodeEditor label="Code" value={block.code} onChange={(code) => set({ ...block, code })} />
      {block.inputParameters.map((p, i) => (
        <DatapathInput key={i} label={`Input ${i + 1}`} value={p} options={options} onChange={(v) => set({ ...block, inputParameters: block.inputParameters.map((x, j) => (j === i ? v : x)) })} />
      ))}
      <SmallButton onClick={() => set({ ...block, inputParameters: [...block.inputParameters, ""] })}>Add input</SmallButton>
      <TextField
        label="Output variables (comma-separated)" mono value={block.outputVariables.join(", ")}
        onChange={(v) => set({ ...block, outputVariables: v.split(",").map((s) => s.trim()).filter((s) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(s)) })}
      />
    </div>
  );
}
