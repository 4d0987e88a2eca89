"use client";
// The playbook's own settings (shown when no block is selected): name, repository, labels it
// runs on, category, type and description.
import { SelectField, TextField } from "./controls";

export interface Meta { name: string; repo: string; labels: string; category: string; description: string; type: "automation" | "input" }

export function SettingsPanel({ meta, set, readOnly, isNew }: { meta: Meta; set: (m: Meta) => void; readOnly: boolean; isNew: boolean }) {
  return (
    <fieldset disabled={readOnly} className="space-y-2" aria-label="Playbook settings">
      <h2 className="text-sm font-semibold">Playbook</h2>
      <TextField label="Name" required value={meta.name} onChange={(name) => set({ ...meta, name })} />
      {isNew && <TextField label="Repository" value={meta.repo} onChange={(repo) => set({ ...meta, repo })} />}
      <TextField label="Labels it runs on (comma-separated, * for all)" value={meta.labels} onChange={(labels) => set({ ...meta, labels })} />
      <TextField label="Category" value={meta.category} onChange={(category) => set({ ...meta, category })} />
      <SelectField label="Type" value={meta.type} options={[{ value: "automation", label: "automation (runs on containers)" }, { value: "input", label: "input (called by other playbooks)" }]} onChange={(t) => set({ ...meta, type: t as Meta["type"] })} />
      <TextField label="Description" multiline value={meta.description} onChange={(description) => set({ ...meta, description })} />
    </fieldset>
  );
}
