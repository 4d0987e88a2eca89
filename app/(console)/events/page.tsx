import type { Metadata } from "next";
import { ImportArchive } from "@/components/events/import-archive";
import { EventsQueue } from "@/components/events/queue";
import type { QueuePageJson } from "@/components/events/hooks";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { openCases } from "@/lib/domain/cases";
import { DomainError } from "@/lib/domain/errors";
import { queueChoices, queuePage } from "@/lib/domain/events-queue";
import { listSavedFilters } from "@/lib/domain/saved-filters";
import { queueParams, queueQuerySchema, sanitizeQueueParams } from "@/lib/schemas/events";

export const metadata: Metadata = { title: "Events" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function EventsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePage("containers.read");
  // A bad URL (a hand-edited filter, an outdated link) shows the queue with the bad parameters
  // dropped, and a stale cursor (from before a restart or another sort) the first page; the
  // client replaces the address and says what was ignored.
  const { params, dropped } = sanitizeQueueParams(queueParams(await searchParams));
  const parsed = queueQuerySchema.parse(params);
  const page = await queuePage(parsed, user.id).catch((e: unknown) => {
    if (!(e instanceof DomainError) || !params.cursor) throw e;
    delete params.cursor;
    dropped.push("cursor");
    return queuePage({ ...parsed, cursor: undefined }, user.id);
  });
  const query = new URLSearchParams(params).toString();
  const [choices, cases, filters] = await Promise.all([queueChoices(), openCases(), listSavedFilters(user.id)]);
  return (
    <>
      <PageHeader title="Events" description="Alerts and incidents fed into Vigil. New events appear here as they arrive."
        actions={can(user.role, "containers.write") ? <ImportArchive /> : undefined} />
      <EventsQueue
        initial={{ query, page: JSON.parse(JSON.stringify(page)) as QueuePageJson }}
        ignored={dropped}
        choices={choices}
        cases={cases}
        savedFilters={filters.map((f) => ({ id: f.id, name: f.name, query: typeof f.query === "string" ? f.query : "" }))}
        canWrite={can(user.role, "containers.write")}
      />
    </>
  );
}
