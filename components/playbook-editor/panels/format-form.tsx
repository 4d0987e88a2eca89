"use client";
// A format block: the template (`{0}` is the first parameter, `%%...%%` repeats per row) and its
// parameters, each a literal or a datapath, and a live preview on a chosen container.
import { DatapathInput } from "./datapath-input";
import { FormatPreview } from "./format-preview";
import { SmallButton, TextField, asText } from "./controls";
import type { FormProps } from "./form-props";

export function FormatForm({ block, set, options, ctx }: FormProps<"format">) {
  return (
    <div className="space-y-2">
      <TextField label="Template" required multiline mono value={block.template} onChange={(template) => set({ ...block, template })} />
      <p className="text-[11px] text-slate-500">{"{0}"} is parameter 0; text between %% repeats once per row.</p>
      {block.parameters.map((p, i) => (
        <div key={i} className="flex items-end gap-1">
          <div className="flex-1">
            <DatapathInput label={`Parameter {${i}}`} value={asText(p)} options={options} onChange={(v) => set({ ...block, parameters: block.parameters.map((x, j) => (j === i ? v : x)) })} />
          </div>
          <SmallButton label={`Remove parameter ${i}`} onClick={() => set({ ...block, parameters: block.parameters.filter((_, j) => j !== i) })}>✕</SmallButton>
        </div>
      ))}
      <SmallButton onClick={() => set({ ...block, parameters: [...block.parameters, ""] })}>Add parameter</SmallButton>
      <FormatPreview block={block} ctx={ctx} />
    </div>
  );
}
