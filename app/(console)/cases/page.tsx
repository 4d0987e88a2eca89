import type { Metadata } from "next";
import Link from "next/link";
import { SeverityBadge, StatusBadge } from "@/components/events/badges";
import { Time } from "@/components/ui/time";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guard";
import { casesPage } from "@/lib/domain/events-queue";
import { queueParams, queueQuerySchema } from "@/lib/schemas/events";

export const metadata: Metadata = { title: "Cases" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const TABS = [["open", "Open"], ["closed", "Closed"], ["all", "All"]] as const;

export default async function CasesPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePage("containers.read");
  const raw = queueParams(await searchParams);
  const show = raw.show === "closed" || raw.show === "all" ? raw.show : "open";
  const parsed = queueQuerySchema.safeParse({ cursor: raw.cursor, type: "case" });
  const query = parsed.success ? parsed.data : queueQuerySchema.parse({ type: "case" });
  const page = await casesPage(query, show, user.id);
  return (
    <>
      <PageHeader title="Cases" description="Events promoted to cases, with the events added to them. Promote an event from its page." />
      <nav aria-label="Case status" className="mb-3 flex gap-1 text-sm">
        {TABS.map(([key, label]) => (
          <Link key={key} href={`/cases?show=${key}`} aria-current={show === key ? "page" : undefined}
            className={`rounded-md px-3 py-1 ${show === key ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"}`}>{label}</Link>
        ))}
      </nav>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="w-full text-sm" aria-label="Cases">
          <thead className="border-b border-slate-200 text-left text-xs uppercase text-slate-500 dark:border-slate-800 dark:text-slate-400">
            <tr><th className="px-3 py-2 font-medium">ID</th><th className="px-3 py-2 font-medium">Name</th><th className="px-3 py-2 font-medium">Severity</th><th className="px-3 py-2 font-medium">Status</th><th className="px-3 py-2 font-medium">Owner</th><th className="px-3 py-2 font-medium">Events</th><th className="px-3 py-2 font-medium">Created</th></tr>
          </thead>
          <tbody>
            {page.rows.map((r) => (
              <tr key={r.id} data-case-id={r.id} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
                <td className="px-3 py-2 tabular-nums text-slate-500">{r.id}</td>
                <td className="px-3 py-2"><Link href={`/cases/${r.id}`} className="font-medium link">{r.name}</Link></td>
                <td className="px-3 py-2"><SeverityBadge value={r.severity} /></td>
                <td className="px-3 py-2"><StatusBadge value={r.status} /></td>
                <td className="px-3 py-2">{r.ownerName ?? "—"}</td>
                <td className="px-3 py-2 tabular-nums">{r.memberCount}</td>
                <td className="whitespace-nowrap px-3 py-2 text-slate-600 dark:text-slate-400"><Time value={r.createdAt} /></td>
              </tr>
            ))}
          </tbody>
        </table>
        {page.rows.length === 0 && <p className="p-8 text-center text-sm text-slate-600 dark:text-slate-400">No {show === "all" ? "" : `${show} `}cases. Promote an event to a case from its page.</p>}
      </div>
      {page.next && <Link href={`/cases?show=${show}&cursor=${page.next}`} className="mt-3 inline-block text-sm link underline">Next page</Link>}
    </>
  );
}
