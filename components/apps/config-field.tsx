"use client";
// One configuration field of an asset form, by its manifest data_type. A password field with a
// stored value shows "set" and offers Replace and Clear; its value never comes from the server.
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";

export interface ConfigDef {
  data_type: string;
  description?: string;
  required?: boolean;
  default?: string | number | boolean;
  value_list?: (string | number | boolean)[];
  order?: number;
}

/** keep: leave the stored secret; replace: send what is typed; clear: remove it. */
export type SecretState = "keep" | "replace" | "clear";

interface Props {
  name: string;
  def: ConfigDef;
  value: string | boolean;
  secret?: SecretState;
  stored: boolean;
  onChange: (value: string | boolean) => void;
  onSecret: (state: SecretState) => void;
}

export function ConfigField({ name, def, value, secret, stored, onChange, onSecret }: Props) {
  const id = `config-${name}`;
  const label = `${name.replace(/_/g, " ")}${def.required ? " (required)" : ""}`;
  const hint = [def.description, def.default !== undefined && def.data_type !== "password" ? `Default: ${String(def.default)}` : ""].filter(Boolean).join(" · ");
  if (def.data_type === "boolean") {
    return (
      <div className="space-y-1">
        <label className="flex items-center gap-2 text-sm font-medium text-slate-700 dark:text-slate-300">
          <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />{label}
        </label>
        {hint && <p className="text-xs text-slate-500 dark:text-slate-400">{hint}</p>}
      </div>
    );
  }
  if (def.data_type === "password") {
    const showInput = secret === "replace" || !stored;
    return (
      <Field label={label} htmlFor={id} hint={hint}>
        {showInput ? (
          <div className="flex gap-2">
            <Input id={id} type="password" autoComplete="new-password" value={String(value)} onChange={(e) => onChange(e.target.value)} placeholder={stored ? "new value" : ""} />
            {stored && <Button type="button" variant="secondary" onClick={() => { onChange(""); onSecret("keep"); }}>Keep</Button>}
          </div>
        ) : (
          <div className="flex items-center gap-2" id={id}>
            <span className="rounded bg-slate-100 px-2 py-1 text-sm dark:bg-slate-800" data-testid={`secret-${name}`}>{secret === "clear" ? "will be cleared" : "set"}</span>
            <Button type="button" variant="secondary" onClick={() => onSecret("replace")} aria-label={`Replace ${name}`}>Replace</Button>
            {secret !== "clear"
              ? <Button type="button" variant="ghost" onClick={() => onSecret("clear")} aria-label={`Clear ${name}`}>Clear</Button>
              : <Button type="button" variant="ghost" onClick={() => onSecret("keep")}>Undo</Button>}
          </div>
        )}
      </Field>
    );
  }
  if (def.value_list?.length) {
    return (
      <Field label={label} htmlFor={id} hint={hint}>
        <Select id={id} value={String(value)} onChange={(e) => onChange(e.target.value)}>
          {!def.required && <option value="">(none)</option>}
          {def.value_list.map((v) => <option key={String(v)} value={String(v)}>{String(v)}</option>)}
        </Select>
      </Field>
    );
  }
  return (
    <Field label={label} htmlFor={id} hint={hint}>
      <Input id={id} value={String(value)} inputMode={def.data_type === "numeric" ? "decimal" : undefined} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}
