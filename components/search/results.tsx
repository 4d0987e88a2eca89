import Link from "next/link";
import type { ReactNode } from "react";
import { SeverityBadge, StatusBadge } from "@/components/events/badges";
import { Time } from "@/components/ui/time";
import { matchedCef, type Group, type SearchKind, type SearchResults } from "@/lib/domain/search";
import { markdownText } from "@/lib/words";

const TITLES: Record<SearchKind, string> = { containers: "Events", artifacts: "Artifacts", indicators: "Indicators", notes: "Notes", comments: "Comments" };
const link = "link";

function Section<T>({ kind, q, single, group, children }: {
  kind: SearchKind; q: string; single: boolean; group: Group<T>; children: (item: T) => ReactNode;
}) {
  return (
    <section aria-labelledby={`results-${kind}`} className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <h2 id={`results-${kind}`} className="flex items-baseline justify-between border-b border-slate-200 px-4 py-2 text-sm font-semibold dark:border-slate-800">
        <span>{TITLES[kind]} <span className="font-normal text-slate-500 dark:text-slate-400">({group.items.length}{group.more ? "+" : ""})</span></span>
        {group.more && !single && <Link className={`text-xs font-normal ${link}`} href={`/search?${new URLSearchParams({ q, kind })}`}>More {TITLES[kind].toLowerCase()}</Link>}
      </h2>
      {group.items.length ? (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800">{group.items.map((item, i) => <li key={i} className="px-4 py-2 text-sm">{children(item)}</li>)}</ul>
      ) : (
        <p className="px-4 py-3 text-sm text-slate-500 dark:text-slate-400">No {TITLES[kind].toLowerCase()} match.</p>
      )}
      {single && group.more && <p className="px-4 py-2 text-xs text-slate-500 dark:text-slate-400">Showing the newest {group.items.length}; add words to narrow the search.</p>}
    </section>
  );
}

/** Search results grouped by kind; every hit links to its event or indicator page. */
export function SearchResultsView({ q, kind, kinds, results }: { q: string; kind?: SearchKind; kinds: SearchKind[]; results: SearchResults }) {
  const single = Boolean(kind);
  const none = kinds.every((k) => !results[k].items.length);
  return (
    <div className="space-y-4">
      {single && <Link href={`/search?${new URLSearchParams({ q })}`} className={`text-sm ${link}`}>All kinds of results</Link>}
      {none && <p role="status" className="text-sm text-slate-600 dark:text-slate-400">Nothing matches &ldquo;{q}&rdquo;.</p>}
      <div className="grid gap-4 xl:grid-cols-2">
        {kinds.includes("containers") && (
          <Section kind="containers" q={q} single={single} group={results.containers}>
            {(c) => (
              <div className="flex items-center gap-2">
                <SeverityBadge value={c.severity} />
                <Link href={`/events/${c.id}`} className={`min-w-0 flex-1 truncate ${link}`} title={c.name}>#{c.id} {c.name}</Link>
                <StatusBadge value={c.status} />
              </div>
            )}
          </Section>
        )}
        {kinds.includes("indicators") && (
          <Section kind="indicators" q={q} single={single} group={results.indicators}>
            {(i) => (
              <div className="flex items-center gap-2">
                <Link href={`/indicators/${i.id}`} className={`min-w-0 flex-1 truncate font-mono text-[13px] ${link}`} title={i.value}>{i.value}</Link>
                <span className="text-xs text-slate-500 dark:text-slate-400">{i.types.join(", ")} · {i.count.toLocaleString("en")} seen</span>
              </div>
            )}
          </Section>
        )}
        {kinds.includes("artifacts") && (
          <Section kind="artifacts" q={q} single={single} group={results.artifacts}>
            {(a) => (
              <div>
                <Link href={`/events/${a.containerId}`} className={`block truncate ${link}`} title={a.containerName}>
                  {a.name || "artifact"} #{a.id} in #{a.containerId} {a.containerName}
                </Link>
                <p className="mt-0.5 truncate font-mono text-xs text-slate-600 dark:text-slate-400">
                  {matchedCef(a.cef, q).slice(0, 2).map(([k, v]) => `${k}: ${v}`).join("  ·  ") || <Time value={a.createdAt} />}
                </p>
              </div>
            )}
          </Section>
        )}
        {kinds.includes("notes") && (
          <Section kind="notes" q={q} single={single} group={results.notes}>
            {(n) => (
              <div>
                <Link href={`/events/${n.containerId}`} className={`block truncate ${link}`}>
                  {n.title || "Note"} on #{n.containerId} {n.containerName}
                </Link>
                <p className="mt-0.5 line-clamp-2 text-xs text-slate-600 dark:text-slate-400">{markdownText(n.content)}</p>
              </div>
            )}
          </Section>
        )}
        {kinds.includes("comments") && (
          <Section kind="comments" q={q} single={single} group={results.comments}>
            {(m) => (
              <div>
                <Link href={`/events/${m.containerId}`} className={`block truncate ${link}`}>
                  Comment by {m.authorName ?? "system"} on #{m.containerId} {m.containerName}
                </Link>
                <p className="mt-0.5 line-clamp-2 text-xs text-slate-600 dark:text-slate-400">{m.content.slice(0, 300)}</p>
              </div>
            )}
          </Section>
        )}
      </div>
    </div>
  );
}
