"use client";
// The queue's filter bar. Every filter is a URL parameter, so a filtered queue can be shared,
// bookmarked and saved by name.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { useTimeZone } from "@/components/ui/time";
import type { QueueChoices } from "@/lib/domain/events-queue";
import { fromZonedInput, toZonedInput } from "@/lib/time";

const selectClass = `${inputClass} !w-auto min-w-0`;

export function QueueFilters({ params, choices, onChange }: {
  params: URLSearchParams;
  choices: QueueChoices;
  onChange: (next: Record<string, string | null>) => void;
}) {
  const [text, setText] = useState(params.get("q") ?? "");
  const [tags, setTags] = useState(params.get("tags") ?? "");
  // Days start at midnight in the user's time zone.
  const zone = useTimeZone();
  // A select or date applies at once, together with whatever is typed in the text fields: the
  // bar remounts on every URL change, so typed but unapplied text would otherwise be lost.
  const change = (next: Record<string, string | null>) => onChange({ q: text.trim() || null, tags: tags.trim() || null, ...next });
  const one = (name: string, label: string, options: string[], all = "Any") => (
    <label className="flex flex-col gap-0.5 text-xs font-medium text-slate-600 dark:text-slate-400">
      {label}
      <select aria-label={label} className={selectClass} value={params.get(name) ?? ""} onChange={(e) => change({ [name]: e.target.value || null })}>
        <option value="">{all}</option>
        {/* A link may apply several values (the home page's "new,open"): the filter shows them. */}
        {params.get(name) && !options.includes(params.get(name)!) && <option value={params.get(name)!}>{params.get(name)!.split(",").join(" or ")}</option>}
        {options.map((o) => <option key={o} value={o}>{o}</option>)}
      </select>
    </label>
  );
  const date = (name: "from" | "to", label: string) => (
    <label className="flex flex-col gap-0.5 text-xs font-medium text-slate-600 dark:text-slate-400">
      {label}
      <input
        type="date" aria-label={label} className={selectClass}
        value={toZonedInput(params.get(name), zone).slice(0, 10)}
        onChange={(e) => change({ [name]: e.target.value ? fromZonedInput(`${e.target.value}T00:00`, zone)?.toISOString() ?? null : null })}
      />
    </label>
  );
  return (
    <form
      role="search"
      aria-label="Filter events"
      className="mb-3 flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        onChange({ q: text.trim() || null, tags: tags.trim() || null });
      }}
    >
      <label className="flex min-w-48 flex-1 flex-col gap-0.5 text-xs font-medium text-slate-600 dark:text-slate-400">
        Search
        <input type="search" aria-label="Filter by name or id" placeholder="Name or #id" className={inputClass} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      {one("status", "Status", choices.statuses)}
      {one("severity", "Severity", choices.severities)}
      {one("sensitivity", "Sensitivity", ["white", "green", "amber", "red"])}
      {one("label", "Label", choices.labels)}
      <label className="flex flex-col gap-0.5 text-xs font-medium text-slate-600 dark:text-slate-400">
        Owner
        <select aria-label="Owner" className={selectClass} value={params.get("owner") ?? ""} onChange={(e) => change({ owner: e.target.value || null })}>
          <option value="">Anyone</option>
          <option value="me">Me</option>
          <option value="none">Unassigned</option>
          {choices.users.map((u) => <option key={u.id} value={String(u.id)}>{u.username}</option>)}
        </select>
      </label>
      {one("sla", "SLA", ["breached", "at_risk", "met", "on_track"])}
      {one("type", "Type", ["default", "case"], "Events and cases")}
      <label className="flex w-32 flex-col gap-0.5 text-xs font-medium text-slate-600 dark:text-slate-400">
        Tags
        <input aria-label="Tags" placeholder="a,b" className={inputClass} value={tags} onChange={(e) => setTags(e.target.value)} />
      </label>
      {date("from", "From")}
      {date("to", "Before")}
      <Button type="submit" variant="secondary">Apply</Button>
    </form>
  );
}
