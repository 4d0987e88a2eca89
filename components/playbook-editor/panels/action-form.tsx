"use client";
// An action block: the action (from enabled apps that have an asset), the assets that support
// it, and its typed parameters (required ones marked, a value list as a select, any other value
// typed or picked as a datapath).
import { DatapathInput } from "./datapath-input";
import { SelectField, asText } from "./controls";
import type { FormProps } from "./form-props";

export function ActionForm({ block, set, options, ctx }: FormProps<"action">) {
  const names = [...new Set(ctx.actions.map((a) => a.action))].sort();
  const offering = ctx.actions.filter((a) => a.action === block.action);
  const assets = [...new Map(offering.flatMap((a) => a.assets).map((s) => [s.name, s])).values()];
  const params = [...new Map(offering.flatMap((a) => a.parameters).map((p) => [p.name, p])).values()];
  const setParam = (name: string, v: string) => set({ ...block, parameters: { ...block.parameters, [name]: v } });
  return (
    <div className="space-y-3">
      <SelectField
        label="Action" required value={block.action}
        onChange={(action) => set({ ...block, action, assets: [], parameters: {} })}
        options={[{ value: "", label: "Choose an action ..." }, ...names.map((n) => ({ value: n, label: `${n} (${ctx.actions.filter((a) => a.action === n).map((a) => a.appName).join(", ")})` }))]}
      />
      {names.length === 0 && <p className="text-xs text-slate-500">No enabled app has an asset yet: configure one under Apps & Assets.</p>}
      {block.action && (
        <fieldset className="space-y-1">
          <legend className="text-xs font-medium text-slate-700 dark:text-slate-300">Assets<span className="text-red-600"> *</span></legend>
          {assets.map((a) => (
            <label key={a.id} className="flex items-center gap-2 text-xs">
              <input
                type="checkbox" checked={block.assets.includes(a.name)}
                onChange={(e) => set({ ...block, assets: e.target.checked ? [...block.assets, a.name] : block.assets.filter((x) => x !== a.name) })}
              />
              {a.name}
            </label>
          ))}
        </fieldset>
      )}
      {params.map((p) => p.value_list?.length ? (
        <SelectField
          key={p.name} label={p.name} required={p.required} value={asText(block.parameters[p.name])} onChange={(v) => setParam(p.name, v)}
          options={["", ...p.value_list.map(String)]}
        />
      ) : (
        <DatapathInput key={p.name} label={p.name} required={p.required} value={asText(block.parameters[p.name])} onChange={(v) => setParam(p.name, v)} options={options} />
      ))}
    </div>
  );
}
