"use client";
// One custom list's rows: add a row (one field per column, plus one for a new column), remove a
// row, delete the whole list. Removals and the delete ask for confirmation first.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { appendRowAction, deleteListAction, removeRowAction } from "@/app/(console)/lists/actions";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import type { ListRow } from "@/lib/schemas/custom-lists";
import { ConfirmButton } from "./confirm-button";
import { useListAction } from "./use-list-action";

const show = (cell: ListRow[number]) => (cell === null ? "" : String(cell));

export function ListRows({ id, name, start, rows, columns, canWrite }: {
  id: number; name: string; start: number; rows: ListRow[]; columns: number; canWrite: boolean;
}) {
  const router = useRouter();
  const { pending, error, run } = useListAction();
  const [width, setWidth] = useState(columns);
  const [formKey, setFormKey] = useState(0);
  const add = (form: FormData) =>
    run(() => appendRowAction({ id, row: form.getAll("cell").map(String) }), () => setFormKey((k) => k + 1));
  return (
    <section aria-label="Rows" className="space-y-4">
      {error && <p role="alert" className="text-sm text-red-700 dark:text-red-400">{error}</p>}
      {canWrite && (
        <form key={formKey} action={add} className="flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
          <span className="text-sm font-medium">Add a row</span>
          {Array.from({ length: width }, (_, i) => (
            <div key={i} className="w-48">
              <Input name="cell" aria-label={`Column ${i + 1}`} placeholder={`Column ${i + 1}`} autoFocus={i === 0} />
            </div>
          ))}
          <Button type="button" variant="ghost" onClick={() => setWidth((w) => w + 1)} title="Add a column">+ column</Button>
          <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Add row"}</Button>
        </form>
      )}
      {rows.length ? (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="w-full text-sm">
            <thead className="border-b border-slate-200 text-left text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
              <tr>
                <th scope="col" className="w-12 px-3 py-2 text-right font-medium">#</th>
                {Array.from({ length: columns }, (_, i) => <th key={i} scope="col" className="px-3 py-2 font-medium">Column {i + 1}</th>)}
                {canWrite && <th scope="col" className="w-20 px-3 py-2"><span className="sr-only">Remove</span></th>}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {rows.map((row, i) => (
                <tr key={start + i} className="hover:bg-slate-50 dark:hover:bg-slate-800/50">
                  <td className="px-3 py-1.5 text-right tabular-nums text-slate-500">{start + i + 1}</td>
                  {Array.from({ length: columns }, (_, c) => (
                    <td key={c} className="max-w-[24rem] truncate px-3 py-1.5 font-mono text-[13px]" title={show(row[c] ?? null)}>{show(row[c] ?? null)}</td>
                  ))}
                  {canWrite && (
                    <td className="px-3 py-1 text-right">
                      <ConfirmButton
                        size="sm" label="Remove" disabled={pending} confirm="Remove row"
                        title={`Remove row ${start + i + 1}?`}
                        description={`"${row.map(show).join(", ")}" will no longer be in ${name}.`}
                        onConfirm={() => run(() => removeRowAction({ id, index: start + i, row }))}
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
          This list is empty.
        </div>
      )}
      {canWrite && (
        <div className="flex justify-end">
          <ConfirmButton
            label="Delete list" disabled={pending} confirm="Delete list"
            title={`Delete ${name}?`}
            description="The list and all its rows are removed. Playbooks that use it will no longer find it."
            onConfirm={() => run(() => deleteListAction({ id }), () => router.push("/lists"))}
          />
        </div>
      )}
    </section>
  );
}
