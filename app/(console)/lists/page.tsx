import type { Metadata } from "next";
import Link from "next/link";
import { Time } from "@/components/ui/time";
import { NewListForm } from "@/components/lists/new-list-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { listSummaries } from "@/lib/domain/custom-lists";

export const metadata: Metadata = { title: "Custom lists" };

export default async function ListsPage() {
  const user = await requirePage("lists.read");
  const lists = await listSummaries();
  return (
    <>
      <PageHeader title="Custom lists" description="Tables of values that playbooks check against and apps add to: allow lists, known bad addresses, VIP users ..." />
      {can(user.role, "lists.write") && <NewListForm />}
      {lists.length ? (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="w-full text-sm">
            <thead className="border-b border-slate-200 text-left text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">Name</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Rows</th>
                <th scope="col" className="px-3 py-2 font-medium">Modified</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {lists.map((l) => (
                <tr key={l.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/50">
                  <td className="px-3 py-2"><Link href={`/lists/${l.id}`} className="link font-medium">{l.name}</Link></td>
                  <td className="px-3 py-2 text-right tabular-nums">{l.rows}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-slate-600 dark:text-slate-400"><Time value={l.updatedAt} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
          No custom lists yet.
        </div>
      )}
    </>
  );
}
