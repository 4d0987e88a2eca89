import type { Metadata } from "next";
import Link from "next/link";
import { SeverityBadge, StatusBadge, timeLeft } from "@/components/events/badges";
import { inputClass } from "@/components/ui/field";
import { Time } from "@/components/ui/time";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guard";
import { DomainError } from "@/lib/domain/errors";
import { casesPage, queueChoices } from "@/lib/domain/events-queue";
import { queueParams, queueQuerySchema, sanitizeQueueParams } from "@/lib/schemas/events";
import { neutralizeBidi } from "@/lib/words";

export const metadata: Metadata = { title: "Cases" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const TABS = [["open", "Open"], ["closed", "Closed"], ["all", "All"]] as const;
const SORTS = [["update_time", "Last updated"], ["create_time", "Created"], ["name", "Name"], ["id", "ID"]] as const;
const select = `${inputClass} !w-auto min-w-0`;
const th = "px-3 py-2 font-medium";

/** The cases list: a plain GET form (works before hydration), filters and sort in the URL. */
export default async function CasesPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePage("containers.read");
  const raw = queueParams(await searchParams);
  const show = raw.show === "closed" || raw.show === "all" ? raw.show : "open";
  const { params } = sanitizeQueueParams({ sort: "update_time", ...raw });
  const query = queueQuerySchema.parse({ ...params, type: "case" });
  const [page, choices] = await Promise.all([
    // A stale cursor (another sort, an old link) starts again from the first page.
    casesPage(query, show, user.id).catch((e: unknown) => {
      if (!(e instanceof DomainError) || !query.cursor) throw e;
      return casesPage({ ...query, cursor: undefined }, show, user.id);
    }),
    queueChoices(),
  ]);
  const keep = (extra: Record<string, string>) => {
    const p = new URLSearchParams({ ...raw, ...extra });
    p.delete("cursor");
    for (const [k, v] of [...p.entries()]) if (!v) p.delete(k);
    return `/cases?${p.toString()}`;
  };
  return (
    <>
      <PageHeader title="Cases" description="Events promoted to cases, with the events added to them. Promote an event from its page." />
      <nav aria-label="Case status" className="mb-3 flex gap-1 text-sm">
        {TABS.map(([key, label]) => (
          <Link key={key} href={keep({ show: key })} aria-current={show === key ? "page" : undefined}
            className={`rounded-md px-3 py-1 ${show === key ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"}`}>{label}</Link>
        ))}
      </nav>
      <form method="get" action="/cases" role="search" aria-label="Filter cases" className="mb-3 flex flex-wrap items-end gap-2 text-xs font-medium text-slate-600 dark:text-slate-400">
        <input type="hidden" name="show" value={show} />
        <label className="flex flex-col gap-0.5">Search<input name="q" type="search" aria-label="Search cases" defaultValue={raw.q ?? ""} placeholder="Name or id" className={`${select} w-48`} /></label>
        <label className="flex flex-col gap-0.5">Severity
          <select name="severity" aria-label="Severity" defaultValue={raw.severity ?? ""} className={select}>
            <option value="">Any</option>
            {choices.severities.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <label className="flex flex-col gap-0.5">Owner
          <select name="owner" aria-label="Owner" defaultValue={raw.owner ?? ""} className={select}>
            <option value="">Anyone</option>
            <option value="me">Me</option>
            <option value="none">Nobody</option>
            {choices.users.map((u) => <option key={u.id} value={u.id}>{u.username}</option>)}
          </select>
        </label>
        <label className="flex flex-col gap-0.5">Sort by
          <select name="sort" aria-label="Sort by" defaultValue={query.sort} className={select}>
            {SORTS.map(([key, label]) => <option key={key} value={key}>{label}</option>)}
          </select>
        </label>
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm text-white hover:bg-brand-700">Apply</button>
        {(raw.q || raw.severity || raw.owner) && <Link href={`/cases?show=${show}`} className="self-center text-sm link">Clear filters</Link>}
      </form>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="w-full text-sm" aria-label="Cases">
          <thead className="border-b border-slate-200 text-left text-xs uppercase text-slate-500 dark:border-slate-800 dark:text-slate-400">
            <tr>
              <th className={th}>ID</th><th className={th}>Name</th><th className={th}>Severity</th><th className={th}>Status</th>
              <th className={th}>Owner</th><th className={th}>Events</th><th className={th}>Due</th><th className={th}>Resolution</th>
              <th className={`${th} hidden xl:table-cell`}>Updated</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((r) => {
              const due = r.status === "closed" ? null : timeLeft(r.dueTime);
              return (
                <tr key={r.id} data-case-id={r.id} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
                  <td className="px-3 py-2 tabular-nums text-slate-500">{r.id}</td>
                  <td className="min-w-40 px-3 py-2"><Link href={`/cases/${r.id}`} className="font-medium link [overflow-wrap:anywhere]"><bdi>{neutralizeBidi(r.name)}</bdi></Link></td>
                  <td className="px-3 py-2"><SeverityBadge value={r.severity} /></td>
                  <td className="px-3 py-2"><StatusBadge value={r.status} /></td>
                  <td className="px-3 py-2">{r.ownerName ? <bdi>{neutralizeBidi(r.ownerName)}</bdi> : "—"}</td>
                  <td className="px-3 py-2 tabular-nums">{r.memberCount}</td>
                  <td className={`whitespace-nowrap px-3 py-2 ${due?.late ? "font-medium text-red-700 dark:text-red-400" : ""}`}>{due?.text ?? ""}</td>
                  <td className="max-w-xs px-3 py-2">
                    {r.resolution ? <>{r.resolution}{r.closedByName && <span className="block text-xs text-slate-500 dark:text-slate-400">closed by {r.closedByName}</span>}</> : ""}
                  </td>
                  <td className="hidden whitespace-nowrap px-3 py-2 text-slate-600 xl:table-cell dark:text-slate-400"><Time value={r.updatedAt} /></td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {page.rows.length === 0 && <p className="p-8 text-center text-sm text-slate-600 dark:text-slate-400">No {show === "all" ? "" : `${show} `}cases{raw.q || raw.severity || raw.owner ? " match these filters" : ". Promote an event to a case from its page"}.</p>}
      </div>
      {page.next && <Link href={`${keep({})}&cursor=${page.next}`} className="mt-3 inline-block text-sm link underline">Next page</Link>}
    </>
  );
}
