import Link from "next/link";
import { SeverityBadge, StatusBadge, timeLeft } from "@/components/events/badges";
import type { QueueItem } from "@/lib/domain/dashboard";

/** The signed-in user's open events, newest first, each linking to its investigation page. */
export function MyQueue({ items, total }: { items: QueueItem[]; total: number }) {
  if (!items.length) {
    return (
      <p className="py-6 text-center text-sm text-slate-500 dark:text-slate-400">
        Nothing assigned to you. <Link href="/events?owner=none&type=default" className="link">Pick up an unassigned event</Link>.
      </p>
    );
  }
  return (
    <>
      <ul className="divide-y divide-slate-100 dark:divide-slate-800">
        {items.map((c) => {
          const due = timeLeft(c.dueTime);
          return (
            <li key={c.id} className="flex items-center gap-2 py-2 text-sm">
              <SeverityBadge value={c.severity} />
              <Link href={`/events/${c.id}`} className="min-w-0 flex-1 truncate link" title={c.name}>
                <span className="text-slate-500 tabular-nums dark:text-slate-400">#{c.id}</span> {c.name}
              </Link>
              <StatusBadge value={c.status} />
              {due && (
                <span className={`hidden w-24 text-right text-xs tabular-nums sm:inline ${due.late ? "font-medium text-red-700 dark:text-red-400" : "text-slate-500 dark:text-slate-400"}`}>
                  {due.text}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {total > items.length && (
        <Link href="/events?owner=me" className="mt-2 inline-block text-sm link">
          All {total.toLocaleString("en")} of yours
        </Link>
      )}
    </>
  );
}
