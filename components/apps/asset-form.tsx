"use client";
// An asset's form, generated from its app's manifest `configuration`: text, numbers, yes/no,
// value lists, required fields and defaults. A password field never holds its stored value (the
// server sends only whether one is set): it shows "set" with Replace and Clear. On a refusal the
// server's reason is shown and everything typed stays.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createAssetAction, updateAssetAction } from "@/app/(console)/apps/actions";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { toast } from "sonner";
import { ConfigField, type ConfigDef, type SecretState } from "./config-field";
import { OwnersPicker, type OwnerChoice } from "./owners-picker";

const ACTION_TYPES = ["investigate", "contain", "correct", "generic"] as const;

export interface AssetFormInitial {
  id: number;
  name: string;
  description: string;
  configuration: Record<string, unknown>;
  tags: string[];
  primaryOwners: string[];
  secondaryOwners: string[];
  approvalRequiredFor: string[];
  concurrencyLimit: number;
  timeoutSeconds: number | null;
  ingest: { poll: boolean; intervalSeconds: number | null; label: string | null };
}

interface Props {
  /** `ingest`: the app has an on poll action, so the asset has ingest settings. */
  app: { id: number; name: string; configuration: Record<string, ConfigDef>; ingest?: boolean };
  owners: OwnerChoice[];
  initial?: AssetFormInitial;
}

const ownerOf = (v: string) => (v.startsWith("role:") ? { role: v.slice(5) } : { user: Number(v.slice(5)) });

export function AssetForm({ app, owners, initial }: Props) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const fields = Object.entries(app.configuration).sort(([, a], [, b]) => (a.order ?? 0) - (b.order ?? 0));
  const [values, setValues] = useState<Record<string, string | boolean>>(() =>
    Object.fromEntries(fields.map(([k, f]) => {
      const stored = initial?.configuration[k];
      if (f.data_type === "password") return [k, ""];
      if (f.data_type === "boolean") return [k, typeof stored === "boolean" ? stored : f.default === true];
      return [k, stored !== undefined && stored !== null ? String(stored) : initial ? "" : f.default !== undefined ? String(f.default) : ""];
    })));
  const [secrets, setSecrets] = useState<Record<string, SecretState>>(() =>
    Object.fromEntries(fields.filter(([, f]) => f.data_type === "password").map(([k]) => [k, initial?.configuration[k] === "set" ? "keep" : "replace"])));
  const [name, setName] = useState(initial?.name ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [tags, setTags] = useState((initial?.tags ?? []).join(", "));
  const [primary, setPrimary] = useState<string[]>(initial?.primaryOwners ?? []);
  const [secondary, setSecondary] = useState<string[]>(initial?.secondaryOwners ?? []);
  const [approval, setApproval] = useState<string[]>(initial?.approvalRequiredFor ?? []);
  const [concurrency, setConcurrency] = useState(String(initial?.concurrencyLimit ?? 10));
  const [timeout, setTimeoutSeconds] = useState(initial?.timeoutSeconds ? String(initial.timeoutSeconds) : "");
  const [ingest, setIngest] = useState(() => ({
    poll: initial?.ingest.poll ?? false,
    minutes: initial?.ingest.intervalSeconds ? String(initial.ingest.intervalSeconds / 60) : "",
    label: initial?.ingest.label ?? "",
  }));

  function configuration(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, f] of fields) {
      const v = values[k];
      if (f.data_type === "password") {
        const s = secrets[k];
        if (s === "clear") out[k] = null;
        else if (s === "replace" && v !== "") out[k] = v;
        continue;
      }
      if (f.data_type === "boolean") out[k] = v === true;
      else if (v === "") { if (initial) out[k] = null; }
      else out[k] = f.data_type === "numeric" && !Number.isNaN(Number(v)) ? Number(v) : v;
    }
    return out;
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    const body = {
      name, description, configuration: configuration(),
      tags: tags.split(",").map((t) => t.trim()).filter(Boolean),
      primary_owners: primary.map(ownerOf), secondary_owners: secondary.map(ownerOf),
      approval_required_for: approval,
      concurrency_limit: concurrency.trim() === "" ? undefined : Number(concurrency),
      timeout_seconds: timeout.trim() === "" ? null : Number(timeout),
      ...(app.ingest ? {
        ingest: {
          poll: ingest.poll, container_label: ingest.label.trim() || null,
          ...(ingest.minutes.trim() ? { interval_mins: Number(ingest.minutes) } : {}),
        },
      } : {}),
    };
    start(async () => {
      const result = initial ? await updateAssetAction({ id: initial.id, patch: body }) : await createAssetAction({ ...body, app_id: app.id });
      if (!result.ok) return setError(result.error);
      toast.success(initial ? `Asset ${name} saved` : `Asset ${name} created`);
      const id = initial?.id ?? (result.value as { id: number } | undefined)?.id;
      // Saved: the page renders again and the form restarts from the new version (key).
      if (!initial && id) router.push(`/apps/assets/${id}`);
      else router.refresh();
    });
  }

  return (
    <form onSubmit={submit} className="space-y-5" aria-label={initial ? `Asset ${initial.name}` : `New ${app.name} asset`}>
      <fieldset className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 dark:border-slate-800 dark:bg-slate-900">
        <legend className="px-1 text-sm font-semibold">Asset</legend>
        <Field label="Name" htmlFor="asset-name"><Input id="asset-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={128} /></Field>
        <Field label="Description" htmlFor="asset-description"><Input id="asset-description" value={description} onChange={(e) => setDescription(e.target.value)} /></Field>
        <Field label="Tags" htmlFor="asset-tags" hint="Comma-separated"><Input id="asset-tags" value={tags} onChange={(e) => setTags(e.target.value)} /></Field>
      </fieldset>
      <fieldset className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 dark:border-slate-800 dark:bg-slate-900">
        <legend className="px-1 text-sm font-semibold">{app.name} configuration</legend>
        {fields.length === 0 && <p className="text-sm text-slate-500">This app needs no configuration.</p>}
        {fields.map(([k, f]) => (
          <ConfigField key={k} name={k} def={f} value={values[k]!} secret={secrets[k]} stored={initial?.configuration[k] === "set"}
            onChange={(v) => setValues((s) => ({ ...s, [k]: v }))} onSecret={(st) => setSecrets((s) => ({ ...s, [k]: st }))} />
        ))}
      </fieldset>
      <fieldset className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 dark:border-slate-800 dark:bg-slate-900">
        <legend className="px-1 text-sm font-semibold">Owners and limits</legend>
        <OwnersPicker label="Primary owners" id="primary-owners" choices={owners} value={primary} onChange={setPrimary} />
        <OwnersPicker label="Secondary owners" id="secondary-owners" choices={owners} value={secondary} onChange={setSecondary} />
        <div className="space-y-1 sm:col-span-2">
          <p className="text-sm font-medium text-slate-700 dark:text-slate-300">Approval required for</p>
          <div className="flex flex-wrap gap-4">
            {ACTION_TYPES.map((t) => (
              <label key={t} className="flex items-center gap-1.5 text-sm">
                <input type="checkbox" checked={approval.includes(t)} onChange={(e) => setApproval((a) => (e.target.checked ? [...a, t] : a.filter((x) => x !== t)))} />{t}
              </label>
            ))}
          </div>
        </div>
        <Field label="Concurrency limit" htmlFor="asset-concurrency" hint="App runs on this asset at once (1-1000)"><Input id="asset-concurrency" inputMode="numeric" value={concurrency} onChange={(e) => setConcurrency(e.target.value)} /></Field>
        <Field label="Timeout (seconds)" htmlFor="asset-timeout" hint="Empty: the action's own timeout"><Input id="asset-timeout" inputMode="numeric" value={timeout} onChange={(e) => setTimeoutSeconds(e.target.value)} /></Field>
      </fieldset>
      {app.ingest && (
        <fieldset className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 dark:border-slate-800 dark:bg-slate-900">
          <legend className="px-1 text-sm font-semibold">Ingestion</legend>
          <label className="flex items-center gap-1.5 text-sm sm:col-span-2">
            <input type="checkbox" checked={ingest.poll} onChange={(e) => setIngest((s) => ({ ...s, poll: e.target.checked }))} />Poll on a schedule
          </label>
          <Field label="Interval (minutes)" htmlFor="asset-poll-interval" hint="How often the on poll action runs"><Input id="asset-poll-interval" inputMode="decimal" value={ingest.minutes} onChange={(e) => setIngest((s) => ({ ...s, minutes: e.target.value }))} /></Field>
          <Field label="Label for new containers" htmlFor="asset-poll-label" hint="Empty: events"><Input id="asset-poll-label" value={ingest.label} onChange={(e) => setIngest((s) => ({ ...s, label: e.target.value }))} /></Field>
        </fieldset>
      )}
      {error && <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">{error}</p>}
      <div className="flex gap-2"><Button type="submit" disabled={pending}>{initial ? "Save asset" : "Create asset"}</Button></div>
    </form>
  );
}

