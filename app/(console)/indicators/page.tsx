import type { Metadata } from "next";
import Link from "next/link";
import { Time } from "@/components/ui/time";
import { number } from "@/components/dashboard/format";
import { IndicatorFilters } from "@/components/indicators/filters";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guard";
import { browseIndicators, indicatorTypes } from "@/lib/domain/indicator-browse";
import { cursorParam, indicatorListSchema } from "@/lib/schemas/console-search";

export const metadata: Metadata = { title: "Indicators" };

const PAGE_SIZE = 50;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function IndicatorsPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePage("indicators.read");
  const f = indicatorListSchema.parse(await searchParams);
  const page = await browseIndicators({ type: f.type || undefined, value: f.value || undefined, after: f.after, pageSize: PAGE_SIZE });
  const types = indicatorTypes();
  const base = { ...(f.type ? { type: f.type } : {}), ...(f.value ? { value: f.value } : {}) };
  const link = (extra: Record<string, string>) => `/indicators?${new URLSearchParams({ ...base, ...extra })}`;
  const filtered = Boolean(f.type || f.value);
  return (
    <>
      <PageHeader title="Indicators" description="Values seen in artifacts (addresses, domains, hashes, URLs ...), tracked across events." />
      <IndicatorFilters types={types} type={f.type} value={f.value} />
      <p className="mb-2 text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
        {number(page.total)}{page.capped ? "+" : ""} {filtered ? "matching " : ""}indicator{page.total === 1 ? "" : "s"}
        {f.after ? ", continued" : ""}, most recently seen first
      </p>
      {page.rows.length ? (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="w-full text-sm">
            <thead className="border-b border-slate-200 text-left text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">Value</th>
                <th scope="col" className="px-3 py-2 font-medium">Types</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Count</th>
                <th scope="col" className="hidden px-3 py-2 font-medium md:table-cell">First seen</th>
                <th scope="col" className="px-3 py-2 font-medium">Last seen</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {page.rows.map((i) => (
                <tr key={i.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/50">
                  <td className="max-w-[28rem] px-3 py-2">
                    <Link href={`/indicators/${i.id}`} className="block truncate font-mono text-[13px] link" title={i.value}>{i.value}</Link>
                  </td>
                  <td className="px-3 py-2 text-xs text-slate-600 dark:text-slate-300">{i.types.join(", ")}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{number(i.count)}</td>
                  <td className="hidden whitespace-nowrap px-3 py-2 text-slate-600 md:table-cell dark:text-slate-400"><Time value={i.firstSeen} /></td>
                  <td className="whitespace-nowrap px-3 py-2 text-slate-600 dark:text-slate-400"><Time value={i.lastSeen} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
          {filtered ? "No indicator matches these filters." : "No indicators yet: they appear as artifacts with addresses, domains, hashes or URLs arrive."}
        </div>
      )}
      <nav aria-label="Pages" className="mt-3 flex gap-3 text-sm">
        {f.after && <Link href={link({})} className="link">First page</Link>}
        {page.next && <Link href={link({ after: cursorParam(page.next) })} className="link">Next page</Link>}
      </nav>
    </>
  );
}
