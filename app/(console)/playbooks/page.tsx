import type { Metadata } from "next";
import Link from "next/link";
import { ActiveToggle } from "@/components/playbook-editor/active-toggle";
import { PlaybookImport } from "@/components/playbook-editor/playbook-import";
import { PlaybookRowActions } from "@/components/playbook-editor/playbook-row-actions";
import { SoarImportDialog } from "@/components/playbook-editor/soar-import-dialog";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/ui/time";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { playbookSummaries } from "@/lib/domain/playbook-versions";

export const metadata: Metadata = { title: "Playbooks" };

const specNames = (spec: { name: string }[] | null) => (Array.isArray(spec) && spec.length ? spec.map((s) => s.name).join(", ") : "none");

const field = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900";

export default async function PlaybooksPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requirePage("playbooks.read");
  const q = await searchParams;
  const all = await playbookSummaries();
  const text = (q.q ?? "").toLowerCase();
  const shown = all.filter((p) => (!text || `${p.repo}/${p.name}`.toLowerCase().includes(text))
    && (!q.label || p.labels.includes(q.label)) && (!q.category || p.category === q.category)
    && (!q.active || String(p.active) === q.active));
  const labels = [...new Set(all.flatMap((p) => p.labels))].sort();
  const categories = [...new Set(all.map((p) => p.category).filter(Boolean))].sort();
  const canWrite = can(user.role, "playbooks.write");
  return (
    <>
      <PageHeader
        title="Playbooks"
        description="Automation that runs on events and cases with matching labels, drawn in the editor."
        actions={canWrite && (
          <div className="flex items-start gap-2">
            <PlaybookImport />
            <SoarImportDialog />
            <Link href="/playbooks/new" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">New playbook</Link>
          </div>
        )}
      />
      <form className="mb-3 flex flex-wrap items-end gap-2" role="search" aria-label="Filter playbooks">
        <input name="q" defaultValue={q.q} placeholder="Search by name" aria-label="Search by name" className={field} />
        <select name="label" defaultValue={q.label ?? ""} aria-label="Label" className={field}><option value="">any label</option>{labels.map((l) => <option key={l}>{l}</option>)}</select>
        <select name="category" defaultValue={q.category ?? ""} aria-label="Category" className={field}><option value="">any category</option>{categories.map((c) => <option key={c}>{c}</option>)}</select>
        <select name="active" defaultValue={q.active ?? ""} aria-label="Active" className={field}><option value="">active or not</option><option value="true">active</option><option value="false">inactive</option></select>
        <button className="rounded-md border border-slate-300 px-3 py-1 text-sm dark:border-slate-600">Filter</button>
      </form>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="w-full text-sm" aria-label="Playbooks">
          <thead className="border-b border-slate-200 text-left text-xs uppercase text-slate-500 dark:border-slate-800 dark:text-slate-400">
            <tr>
              <th className="px-3 py-2 font-medium">Name</th><th className="px-3 py-2 font-medium">Repository</th><th className="px-3 py-2 font-medium">Labels</th>
              <th className="px-3 py-2 font-medium">Category</th><th className="px-3 py-2 font-medium">Active</th><th className="px-3 py-2 font-medium">Last version</th>
              <th className="px-3 py-2 text-right font-medium">Runs</th><th className="px-3 py-2"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {shown.map((p) => (
              <tr key={p.id} aria-label={`${p.repo}/${p.name}`}>
                <td className="px-3 py-2">
                  {p.hasCode && !p.soar ? <span className="font-medium">{p.name}</span> : <Link href={`/playbooks/${p.id}`} className="link font-medium">{p.name}</Link>}
                  {p.type === "input" && <span className="ml-1 rounded bg-indigo-100 px-1 text-xs text-indigo-800 dark:bg-indigo-900/40 dark:text-indigo-300">input</span>}
                  {p.soar ? <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900 dark:bg-amber-900/40 dark:text-amber-200">SOAR Python</span> : p.hasCode && <span className="ml-1 text-xs text-slate-500">(code playbook)</span>}
                  {p.type === "input" && (
                    <dl className="mt-0.5 grid grid-cols-[auto_1fr] gap-x-2 text-xs text-slate-600 dark:text-slate-400" aria-label={`Inputs and outputs of ${p.name}`}>
                      <dt>Inputs</dt><dd className="font-mono">{specNames(p.inputSpec)}</dd>
                      <dt>Outputs</dt><dd className="font-mono">{specNames(p.outputSpec)}</dd>
                    </dl>
                  )}
                </td>
                <td className="px-3 py-2 font-mono text-xs">{p.repo}</td>
                <td className="px-3 py-2">{p.labels.join(", ")}</td>
                <td className="px-3 py-2">{p.category}</td>
                <td className="px-3 py-2"><ActiveToggle id={p.id} name={p.name} active={p.active} canWrite={canWrite} /></td>
                <td className="whitespace-nowrap px-3 py-2 text-slate-600 dark:text-slate-400">v{p.version} by {p.author ?? "?"}, <Time value={p.updatedAt} /></td>
                <td className="px-3 py-2 text-right tabular-nums">{p.runs}</td>
                <td className="px-3 py-2 text-right"><PlaybookRowActions id={p.id} name={p.name} runs={p.runs} canWrite={canWrite} /></td>
              </tr>
            ))}
          </tbody>
        </table>
        {shown.length === 0 && <p className="p-6 text-center text-sm text-slate-500">{all.length ? "No playbook matches." : "No playbooks yet."}</p>}
      </div>
    </>
  );
}
