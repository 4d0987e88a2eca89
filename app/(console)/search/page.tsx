import type { Metadata } from "next";
import { SearchResultsView } from "@/components/search/results";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { globalSearch, SEARCH_KINDS } from "@/lib/domain/search";
import { searchParamsSchema } from "@/lib/schemas/console-search";

export const metadata: Metadata = { title: "Search" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SearchPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePage("containers.read");
  const { q, kind } = searchParamsSchema.parse(await searchParams);
  // Indicators are their own permission; everything else belongs to the containers.
  const allowed = SEARCH_KINDS.filter((k) => k !== "indicators" || can(user.role, "indicators.read"));
  const kinds = kind ? allowed.filter((k) => k === kind) : allowed;
  const results = q ? await globalSearch(q, kinds, kind ? 100 : 10) : null;
  return (
    <>
      <PageHeader title="Search" description="Events, artifacts and their CEF values, indicators, notes and comments. Each word also matches the start of a longer one." />
      <form method="get" action="/search" role="search" className="mb-6 flex max-w-2xl gap-2">
        <label htmlFor="search-page-q" className="sr-only">Search for</label>
        <input id="search-page-q" name="q" type="search" defaultValue={q} autoFocus placeholder="An address, a hash, a domain, words from a title or a note"
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-500 dark:border-slate-600 dark:bg-slate-900" />
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">Search</button>
      </form>
      {results ? <SearchResultsView q={q} kind={kind} kinds={kinds} results={results} /> : (
        <p className="text-sm text-slate-500 dark:text-slate-400">
          Type what you are looking for: whole words match (&ldquo;beaconing&rdquo;, &ldquo;10.4.18.32&rdquo;, a SHA-256), and indicator values also match by their beginning.
        </p>
      )}
    </>
  );
}
