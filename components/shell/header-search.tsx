/** The console header's search box: a plain GET to /search, so it works before hydration. */
export function HeaderSearch() {
  return (
    <form method="get" action="/search" role="search" aria-label="Search everything" className="mr-auto w-full max-w-md">
      <label htmlFor="header-search" className="sr-only">Search events, artifacts, indicators and notes</label>
      <input id="header-search" name="q" type="search" placeholder="Search events, artifacts, indicators, notes, comments"
        className="block w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-1.5 text-sm placeholder:text-slate-400 focus:border-brand-500 focus:bg-white dark:border-slate-700 dark:bg-slate-800 dark:focus:bg-slate-900" />
    </form>
  );
}
