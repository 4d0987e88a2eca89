import Link from "next/link";
import { SeverityBadge, StatusBadge, timeLeft } from "@/components/events/badges";
import type { QueueItem } from "@/lib/domain/dashboard";
import { neutralizeBidi } from "@/lib/words";

/** The signed-in user's open events, newest first, each linking to its investigation page. */
export function MyQueue({ items, total, canPickUp }: { items: QueueItem[]; total: number; canPickUp: boolean }) {
  if (!items.length) {
    // Only a role that may take events is invited to; the others can still read the queue.
    return (
      <p className="py-6 text-center text-sm text-slate-500 dark:text-slate-400">
        Nothing assigned to you.{" "}
        {canPickUp ? <><Link href="/events?owner=none&type=default" className="link">Pick up an unassigned event</Link>.</> : <Link href="/events" className="link">Browse the events queue</Link>}
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
              <Link href={c.containerType === "case" ? `/cases/${c.id}` : `/events/${c.id}`} className="min-w-0 flex-1 truncate link" title={c.name}>
                <span className="text-slate-500 tabular-nums dark:text-slate-400">#{c.id}</span> <bdi>{neutralizeBidi(c.name)}</bdi>
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
