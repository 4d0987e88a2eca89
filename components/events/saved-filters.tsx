"use client";
// A user's saved queue filters: apply one, save the current one under a name, delete one.
import Link from "next/link";
import { useState } from "react";
import { deleteFilterAction, saveFilterAction } from "@/app/(console)/events/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { inputClass } from "@/components/ui/field";
import { useActionToast } from "@/components/ui/toast";

export interface SavedFilterRow {
  id: number;
  name: string;
  query: string;
}

export function SavedFilters({ filters, current }: { filters: SavedFilterRow[]; current: string }) {
  const [name, setName] = useState("");
  const { pending, run } = useActionToast();
  return (
    <div className="mb-3 flex flex-wrap items-center gap-2 text-sm">
      <span className="text-slate-600 dark:text-slate-400">Saved filters:</span>
      {filters.length === 0 && <span className="text-slate-500 dark:text-slate-400">none yet</span>}
      <ul className="flex flex-wrap gap-1.5" aria-label="Saved filters">
        {filters.map((f) => (
          <li key={f.id} className="flex items-center rounded-full border border-slate-300 dark:border-slate-600">
            <Link href={`/events?${f.query}`} className={`rounded-l-full px-2.5 py-0.5 hover:bg-slate-100 dark:hover:bg-slate-800 ${f.query === current ? "font-semibold" : ""}`}>{f.name}</Link>
            <ConfirmDialog
              title={`Delete saved filter ${f.name}?`}
              description="The filter is removed from your list. Events are not changed."
              confirmLabel="Delete filter"
              onConfirm={() => run(() => deleteFilterAction({ id: f.id }), `Saved filter ${f.name} deleted`)}
              trigger={<button type="button" aria-label={`Delete saved filter ${f.name}`} disabled={pending} className="rounded-r-full px-1.5 text-slate-500 hover:text-red-700 dark:hover:text-red-400">×</button>}
            />
          </li>
        ))}
      </ul>
      <form className="ml-auto flex items-center gap-1" onSubmit={(e) => { e.preventDefault(); run(() => saveFilterAction({ name, query: current }), `Filter ${name.trim()} saved`, () => setName("")); }}>
        <input aria-label="Name of this filter" placeholder="Save this filter as…" className={`${inputClass} !w-48`} value={name} onChange={(e) => setName(e.target.value)} />
        <Button type="submit" variant="secondary" disabled={pending || !name.trim()}>Save</Button>
      </form>
    </div>
  );
}
