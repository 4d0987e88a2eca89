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
import { queueParams, queueQuerySchema } from "@/lib/schemas/events";

export const metadata: Metadata = { title: "Events" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function EventsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePage("containers.read");
  const raw = queueParams(await searchParams);
  const query = new URLSearchParams(raw).toString();
  const parsed = queueQuerySchema.safeParse(raw);
  // A bad URL (a stale cursor, a hand-edited filter) still shows the queue; the client reports it.
  const page = parsed.success ? await queuePage(parsed.data, user.id).catch((e: unknown) => {
    if (e instanceof DomainError) return null;
    throw e;
  }) : null;
  const [choices, cases, filters] = await Promise.all([queueChoices(), openCases(), listSavedFilters(user.id)]);
  return (
    <>
      <PageHeader title="Events" description="Containers fed into Vigil. New events appear here as they arrive."
        actions={can(user.role, "containers.write") ? <ImportArchive /> : undefined} />
      <EventsQueue
        initial={{ query: page ? query : "\0", page: JSON.parse(JSON.stringify(page)) as QueuePageJson }}
        choices={choices}
        cases={cases}
        savedFilters={filters.map((f) => ({ id: f.id, name: f.name, query: typeof f.query === "string" ? f.query : "" }))}
        canWrite={can(user.role, "containers.write")}
      />
    </>
  );
}
