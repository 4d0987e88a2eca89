"use client";
// A utility block: one container change (note, comment, status, severity, tag, owner, pin,
// promote to case), with its values typed or picked as datapaths.
import { UTILITIES } from "@/lib/schemas/playbooks";
import { DatapathInput } from "./datapath-input";
import { SelectField, asText } from "./controls";
import type { FormProps } from "./form-props";

const FIELDS: Record<(typeof UTILITIES)[number], { name: string; required?: boolean }[]> = {
  add_note: [{ name: "title", required: true }, { name: "content" }], comment: [{ name: "comment", required: true }],
  set_status: [{ name: "status", required: true }], set_severity: [{ name: "severity", required: true }],
  set_sensitivity: [{ name: "sensitivity", required: true }], set_owner: [{ name: "owner", required: true }],
  add_tag: [{ name: "tags", required: true }], promote_to_case: [], pin: [{ name: "message", required: true }, { name: "data" }],
};

export function UtilityForm({ block, set, options }: FormProps<"utility">) {
  return (
    <div className="space-y-2">
      <SelectField label="Utility" value={block.utility} options={UTILITIES.map((u) => ({ value: u, label: u.replace(/_/g, " ") }))} onChange={(u) => set({ ...block, utility: u as typeof block.utility, values: {} })} />
      {FIELDS[block.utility].map((f) => (
        <DatapathInput key={f.name} label={f.name} required={f.required} value={asText(block.values[f.name])} options={options} onChange={(v) => set({ ...block, values: { ...block.values, [f.name]: v } })} />
      ))}
    </div>
  );
}
