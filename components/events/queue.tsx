"use client";
// The events queue: filters and sort live in the URL, pages come by keyset cursor from
// /api/events through React Query (the server renders the first one), and /api/live pushes a
// refetch when containers change. Keys: j/↓ and k/↑ move, Enter opens, x selects.
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { QueueChoices } from "@/lib/domain/events-queue";
import { useTimeZone } from "@/components/ui/time";
import { formatTime, zoneLabel } from "@/lib/time";
import { neutralizeBidi } from "@/lib/words";
import { SeverityBadge, StatusBadge, timeLeft, TlpBadge } from "./badges";
import { BulkBar } from "./bulk-bar";
import { useLiveQueue, useQueue, type QueuePageJson } from "./hooks";
import { QueueFilters } from "./queue-filters";
import { SavedFilters, type SavedFilterRow } from "./saved-filters";

const SORTS = [["id", "ID"], ["name", "Name"], ["create_time", "Created"], ["update_time", "Updated"]] as const;

/** What the queue says when it dropped parameters of its address (see sanitizeQueueParams). */
function ignoredNotice(ignored: string[]): string | null {
  if (ignored.length === 0) return null;
  if (ignored.length === 1 && ignored[0] === "cursor") return "That page link has expired, so the queue starts again from the first page.";
  return `Ignored ${ignored.join(", ")} in the address (not a value this queue knows); showing ${ignored.length === 1 ? "its default" : "their defaults"} instead.`;
}

export function EventsQueue({ initial, ignored, choices, cases, savedFilters, canWrite }: {
  initial: { query: string; page: QueuePageJson };
  ignored: string[];
  choices: QueueChoices;
  cases: { id: number; name: string }[];
  savedFilters: SavedFilterRow[];
  canWrite: boolean;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const query = params.toString();
  const { data, error, isFetching, refetch } = useQueue(query, initial);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [active, setActive] = useState(-1);
  const [previous, setPrevious] = useState<string[]>([]);
  const [notice, setNotice] = useState(() => ignoredNotice(ignored));
  // j on the last row opened the next page: focus its first row once it is shown.
  const focusFirst = useRef(false);
  const links = useRef<(HTMLAnchorElement | null)[]>([]);
  const rows = useMemo(() => data?.rows ?? [], [data]);
  // Column headers name the zone once; a cell names it only when it differs (summer time).
  const timeZone = useTimeZone();
  const zone = zoneLabel(timeZone);
  const cell = (value: string) => {
    const text = formatTime(value, timeZone);
    return text.endsWith(` ${zone}`) ? text.slice(0, -zone.length - 1) : text;
  };
  useLiveQueue();

  // The server dropped parameters it could not use: show the address of what is shown.
  useEffect(() => {
    if (ignored.length === 0) return;
    setNotice(ignoredNotice(ignored));
    router.replace(initial.query ? `${pathname}?${initial.query}` : pathname, { scroll: false });
  }, [ignored, initial.query, pathname, router]);

  useEffect(() => {
    if (!focusFirst.current || rows.length === 0 || isFetching) return;
    focusFirst.current = false;
    setActive(0);
    links.current[0]?.focus();
  }, [rows, isFetching]);

  const navigate = useCallback((next: Record<string, string | null>, keepCursor = false) => {
    const p = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(next)) {
      if (v === null) p.delete(k);
      else p.set(k, v);
    }
    if (!keepCursor) {
      p.delete("cursor");
      setPrevious([]);
    }
    setSelected(new Set());
    setActive(-1);
    setNotice(null);
    router.replace(`${pathname}?${p.toString()}`, { scroll: false });
  }, [params, pathname, router]);

  const nextPage = useCallback(() => {
    if (!data?.next) return;
    setPrevious((p) => [...p, params.get("cursor") ?? ""]);
    navigate({ cursor: data.next }, true);
  }, [data?.next, navigate, params]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.metaKey || e.ctrlKey || e.altKey || ["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName)) return;
      const move = (to: number) => {
        e.preventDefault();
        const i = Math.max(0, Math.min(rows.length - 1, to));
        setActive(i);
        links.current[i]?.focus();
      };
      if ((e.key === "j" || e.key === "ArrowDown") && active === rows.length - 1 && data?.next) {
        e.preventDefault();
        focusFirst.current = true;
        nextPage();
      } else if (e.key === "j" || e.key === "ArrowDown") move(active + 1);
      else if (e.key === "k" || e.key === "ArrowUp") move(active - 1);
      else if (e.key === "x" && canWrite && rows[active]) {
        const id = rows[active]!.id;
        setSelected((s) => {
          const n = new Set(s);
          if (n.has(id)) n.delete(id);
          else n.add(id);
          return n;
        });
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [active, rows, canWrite, data?.next, nextPage]);

  const sort = params.get("sort") ?? "create_time";
  const dir = params.get("dir") ?? "desc";
  const toggle = (id: number) => setSelected((s) => {
    const n = new Set(s);
    if (n.has(id)) n.delete(id);
    else n.add(id);
    return n;
  });
  // Due sorts soonest first on the first click; the others newest, last or most severe first.
  const sortable = (key: string, label: string, extra = "") => (
    <th key={key} className={`px-3 py-2 font-medium ${extra}`} aria-sort={sort === key ? (dir === "asc" ? "ascending" : "descending") : "none"}>
      <button type="button" className="whitespace-nowrap uppercase hover:text-slate-900 dark:hover:text-white"
        onClick={() => navigate({ sort: key, dir: sort === key ? (dir === "desc" ? "asc" : "desc") : key === "due_time" ? "asc" : "desc" })}>
        {label}{key === "create_time" || key === "update_time" ? ` (${zone})` : ""}{sort === key ? (dir === "asc" ? " ▲" : " ▼") : ""}
      </button>
    </th>
  );
  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const saveable = new URLSearchParams(query);
  saveable.delete("cursor");

  return (
    <>
      <QueueFilters key={query} params={params} choices={choices} onChange={navigate} />
      <SavedFilters filters={savedFilters} current={saveable.toString()} />
      {notice && (
        <p role="status" className="mb-3 flex items-center justify-between gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
          {notice}
          <button type="button" className="text-xs underline" onClick={() => setNotice(null)}>Dismiss</button>
        </p>
      )}
      {/* Floats over the bottom of the page, so ticking a row never moves the table under the pointer. */}
      {canWrite && selected.size > 0 && (
        <div className="fixed inset-x-0 bottom-4 z-30 flex justify-center px-4">
          <BulkBar ids={[...selected]} choices={choices} cases={cases} onDone={() => { setSelected(new Set()); void refetch(); }} />
        </div>
      )}
      <div className="mb-2 flex items-center justify-between text-sm text-slate-600 dark:text-slate-400">
        <p aria-live="polite" role="status">
          {data ? `${data.capped ? `${data.total.toLocaleString("en")}+` : data.total.toLocaleString("en")} matching` : "Loading…"}
          {isFetching && data ? " · updating…" : ""}
        </p>
        <p className="hidden text-xs md:block">Keys: <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> open{canWrite ? " · x select" : ""}</p>
      </div>
      {error && (
        <div role="alert" className="mb-3 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          The queue could not be loaded: {error.message}{" "}
          <Button variant="secondary" onClick={() => void refetch()}>Retry</Button>
        </div>
      )}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="w-full text-sm" aria-label="Events" aria-busy={isFetching}>
          <thead className="border-b border-slate-200 text-left text-xs uppercase text-slate-500 dark:border-slate-800 dark:text-slate-400">
            <tr>
              {canWrite && (
                <th className="w-8 px-3 py-2">
                  <input type="checkbox" aria-label="Select all on this page" checked={allOnPage}
                    onChange={() => setSelected(allOnPage ? new Set() : new Set(rows.map((r) => r.id)))} />
                </th>
              )}
              {SORTS.map(([key, label]) => sortable(key, label, key === "update_time" ? "hidden 2xl:table-cell" : ""))}
              {sortable("severity", "Severity")}
              <th className="px-3 py-2 font-medium">Status</th>
              <th className="px-3 py-2 font-medium">Owner</th>
              <th className="hidden px-3 py-2 font-medium lg:table-cell">Label</th>
              <th className="hidden px-3 py-2 font-medium 2xl:table-cell">TLP</th>
              <th className="hidden px-3 py-2 font-medium xl:table-cell">Workbook</th>
              {sortable("due_time", "Due")}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const due = r.status === "closed" ? null : timeLeft(r.dueTime);
              return (
                <tr key={r.id} data-event-id={r.id} aria-selected={selected.has(r.id)}
                  className={`border-b border-slate-100 last:border-0 dark:border-slate-800 ${i === active ? "bg-brand-50 dark:bg-brand-700/20" : selected.has(r.id) ? "bg-slate-50 dark:bg-slate-800/60" : ""}`}>
                  {canWrite && (
                    <td className="px-3 py-2"><input type="checkbox" aria-label={`Select event ${r.id}`} checked={selected.has(r.id)} onChange={() => toggle(r.id)} /></td>
                  )}
                  <td className="px-3 py-2 tabular-nums text-slate-500 dark:text-slate-400">{r.id}</td>
                  <td className="min-w-40 max-w-md px-3 py-2 lg:min-w-64">
                    <Link ref={(el) => { links.current[i] = el; }} onFocus={() => setActive(i)}
                      href={r.containerType === "case" ? `/cases/${r.id}` : `/events/${r.id}`} className="font-medium link">
                      <bdi>{neutralizeBidi(r.name)}</bdi>
                    </Link>
                    {r.containerType === "case" && <span className="ml-2 rounded bg-slate-800 px-1.5 py-0.5 text-xs text-white dark:bg-slate-200 dark:text-slate-900">Case</span>}
                    {r.parentId && <span className="ml-2 whitespace-nowrap text-xs text-slate-500 dark:text-slate-400">in case #{r.parentId}</span>}
                    {r.tags.length > 0 && <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">{r.tags.map((t) => `#${t}`).join(" ")}</span>}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-slate-600 dark:text-slate-400">{cell(r.createdAt)}</td>
                  <td className="hidden whitespace-nowrap px-3 py-2 text-slate-600 2xl:table-cell dark:text-slate-400">{cell(r.updatedAt)}</td>
                  <td className="px-3 py-2"><SeverityBadge value={r.severity} /></td>
                  <td className="px-3 py-2"><StatusBadge value={r.status} /></td>
                  <td className="whitespace-nowrap px-3 py-2">{r.ownerName ? <bdi>{neutralizeBidi(r.ownerName)}</bdi> : <span className="text-slate-400">—</span>}</td>
                  <td className="hidden px-3 py-2 lg:table-cell">{r.label}</td>
                  <td className="hidden px-3 py-2 2xl:table-cell"><TlpBadge value={r.sensitivity} /></td>
                  <td className="hidden whitespace-nowrap px-3 py-2 xl:table-cell">{r.workbook && (
                    <span title={`${r.workbook.done} of ${r.workbook.total} workbook tasks complete`} className="inline-flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400">
                      <span className="h-1.5 w-12 overflow-hidden rounded bg-slate-200 dark:bg-slate-700" aria-hidden>
                        <span className="block h-full bg-emerald-500" style={{ width: `${Math.round((100 * r.workbook.done) / r.workbook.total)}%` }} />
                      </span>
                      {r.workbook.done}/{r.workbook.total}
                    </span>
                  )}</td>
                  <td className={`whitespace-nowrap px-3 py-2 ${due?.late ? "font-medium text-red-700 dark:text-red-400" : ""}`}>{due?.text ?? ""}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {data && rows.length === 0 && (
          <div className="p-8 text-center text-sm text-slate-600 dark:text-slate-400">
            <p className="font-medium">No events match these filters.</p>
            {query && <button type="button" className="mt-2 link underline" onClick={() => router.replace(pathname)}>Clear all filters</button>}
          </div>
        )}
        {!data && !error && <div className="p-8 text-center text-sm text-slate-500" aria-busy="true">Loading events…</div>}
      </div>
      <nav aria-label="Pages" className="mt-3 flex gap-2">
        <Button variant="secondary" className="disabled:opacity-50" disabled={!params.get("cursor")} onClick={() => navigate({ cursor: null })}>First page</Button>
        <Button variant="secondary" className="disabled:opacity-50" disabled={!previous.length} onClick={() => {
          const prev = previous[previous.length - 1]!;
          setPrevious((p) => p.slice(0, -1));
          navigate({ cursor: prev || null }, true);
        }}>Previous</Button>
        <Button variant="secondary" className="disabled:opacity-50" disabled={!data?.next} onClick={nextPage}>Next</Button>
      </nav>
      {canWrite && selected.size > 0 && <div className="h-20" aria-hidden="true" />}
    </>
  );
}
