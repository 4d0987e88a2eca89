"use client";
// The run dialog: pick one of the actions that take this value, the assets to run it on, and
// the parameters (the value in the action's primary parameter, defaults filled in, all
// editable). Run creates the action run through the same domain function as REST.
import { useQueryClient } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { runActionAction } from "@/app/(console)/events/action-runs";
import { DialogButtons, FormDialog } from "@/components/ui/form-dialog";
import { Field, Input, Select } from "@/components/ui/field";
import type { CatalogAction, CatalogParameter } from "@/lib/apps/catalog";
import { choiceOf, type RunTarget } from "./run-context";

type Values = Record<string, string | boolean>;

function initialValues(action: CatalogAction, primary: string, value: string): Values {
  return Object.fromEntries(action.parameters.map((p) => [
    p.name,
    p.name === primary ? value : p.data_type === "boolean" ? p.default === true : p.default !== undefined ? String(p.default) : "",
  ]));
}

function parameterSet(params: CatalogParameter[], values: Values): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of params) {
    const v = values[p.name];
    if (p.data_type === "boolean") out[p.name] = v === true;
    else if (typeof v === "string" && v.trim() !== "") out[p.name] = p.data_type === "numeric" && !Number.isNaN(Number(v)) ? Number(v) : v;
  }
  return out;
}

interface Props {
  target: RunTarget;
  matches: { action: CatalogAction; parameter: string }[];
  containerId: number;
  onClose: () => void;
}

export function RunActionDialog({ target, matches, containerId, onClose }: Props) {
  const client = useQueryClient();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [choice, setChoice] = useState(target.choice);
  const match = matches.find((m) => choiceOf(m.action) === choice) ?? matches[0];
  const [assets, setAssets] = useState<number[]>(() => match?.action.assets.map((a) => a.id) ?? []);
  const [values, setValues] = useState<Values>(() => (match ? initialValues(match.action, match.parameter, target.value) : {}));
  if (!match) return null;
  const { action } = match;

  const pick = (next: string) => {
    const m = matches.find((x) => choiceOf(x.action) === next);
    if (!m) return;
    setChoice(next);
    setAssets(m.action.assets.map((a) => a.id));
    setValues(initialValues(m.action, m.parameter, target.value));
    setError(null);
  };

  const run = () => {
    setError(null);
    start(async () => {
      const result = await runActionAction({
        action: action.action, container_id: containerId, type: action.type,
        targets: [{ assets, parameters: [parameterSet(action.parameters, values)], app_id: action.appId }],
      });
      if (!result.ok) return setError(result.error);
      toast.success(`${action.action} started on ${assets.length} asset${assets.length === 1 ? "" : "s"}`);
      void client.invalidateQueries({ queryKey: ["action-runs", containerId] });
      onClose();
    });
  };

  return (
    <FormDialog title="Run action" description={<>On <span className="font-mono">{target.value}</span></>} onClose={onClose}>
          <form className="mt-4 space-y-4" onSubmit={(e) => { e.preventDefault(); run(); }}>
            <Field label="Action" htmlFor="run-action" hint={action.description}>
              <Select id="run-action" value={choice} onChange={(e) => pick(e.target.value)}>
                {matches.map((m) => <option key={choiceOf(m.action)} value={choiceOf(m.action)}>{m.action.action} ({m.action.appName})</option>)}
              </Select>
            </Field>
            <fieldset className="space-y-1">
              <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Assets</legend>
              {action.assets.map((a) => (
                <label key={a.id} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" checked={assets.includes(a.id)} onChange={(e) => setAssets((s) => (e.target.checked ? [...s, a.id] : s.filter((x) => x !== a.id)))} />{a.name}
                </label>
              ))}
            </fieldset>
            <fieldset className="space-y-3">
              <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Parameters</legend>
              {action.parameters.map((p) => {
                const id = `run-param-${p.name}`;
                const label = `${p.name}${p.required ? " (required)" : ""}`;
                const set = (v: string | boolean) => setValues((s) => ({ ...s, [p.name]: v }));
                if (p.data_type === "boolean") {
                  return <label key={p.name} className="flex items-center gap-2 text-sm"><input id={id} type="checkbox" checked={values[p.name] === true} onChange={(e) => set(e.target.checked)} />{label}</label>;
                }
                return (
                  <Field key={p.name} label={label} htmlFor={id} hint={p.description}>
                    {p.value_list?.length
                      ? <Select id={id} value={String(values[p.name] ?? "")} onChange={(e) => set(e.target.value)}>
                          <option value="">(none)</option>
                          {p.value_list.map((v) => <option key={String(v)} value={String(v)}>{String(v)}</option>)}
                        </Select>
                      : <Input id={id} value={String(values[p.name] ?? "")} inputMode={p.data_type === "numeric" ? "decimal" : undefined} onChange={(e) => set(e.target.value)} />}
                  </Field>
                );
              })}
            </fieldset>
            {error && <p role="alert" className="text-sm text-red-700 dark:text-red-400">{error}</p>}
            <DialogButtons submit="Run" disabled={pending || assets.length === 0} />
          </form>
    </FormDialog>
  );
}
