"use client";
// Primary or secondary owners of an asset: users and roles, as "user:<id>" / "role:<role>".
import { Field } from "@/components/ui/field";

export interface OwnerChoice {
  value: string;
  label: string;
}

export function OwnersPicker({ label, id, choices, value, onChange }: { label: string; id: string; choices: OwnerChoice[]; value: string[]; onChange: (v: string[]) => void }) {
  return (
    <Field label={label} htmlFor={id} hint="Users or roles; Ctrl/Cmd-click to choose several">
      <select id={id} multiple size={5} value={value} onChange={(e) => onChange([...e.target.selectedOptions].map((o) => o.value))}
        className="block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900">
        <optgroup label="Roles">{choices.filter((c) => c.value.startsWith("role:")).map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}</optgroup>
        <optgroup label="Users">{choices.filter((c) => c.value.startsWith("user:")).map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}</optgroup>
      </select>
    </Field>
  );
}
