"use client";
// Data hooks of the events console (queue, live updates, container edits): one file per domain.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { updateContainerAction } from "@/app/(console)/events/actions";
import type { QueuePage } from "@/lib/domain/events-queue";

/** Dates arrive from JSON as strings; the queue only formats them. */
export type QueuePageJson = Omit<QueuePage, "rows"> & { rows: (Omit<QueuePage["rows"][number], "createdAt" | "updatedAt" | "dueTime"> & { createdAt: string; updatedAt: string; dueTime: string | null })[] };

export async function fetchQueue(query: string): Promise<QueuePageJson> {
  const res = await fetch(`/api/events?${query}`, { headers: { accept: "application/json" } });
  const body = (await res.json().catch(() => ({}))) as QueuePageJson & { message?: string };
  if (!res.ok) throw new Error(body.message ?? `the queue answered ${res.status}`);
  return body;
}

/** One page of the queue; `initial` is the server's first paint for the first query. */
export function useQueue(query: string, initial: { query: string; page: QueuePageJson }) {
  return useQuery({
    queryKey: ["queue", query],
    queryFn: () => fetchQueue(query),
    initialData: query === initial.query ? initial.page : undefined,
    // The server-sent events below say when to refetch; polling is only the fallback when the stream is down.
    refetchInterval: 60_000,
    // Stale after 2 s, so a queue shown again (Back from an event just edited) refetches at
    // once, while the server's first paint is not fetched twice.
    staleTime: 2_000,
    placeholderData: keepPreviousData,
  });
}

/** Subscribes to /api/live and refetches open queues when containers change anywhere. */
export function useLiveQueue(onEvent?: () => void) {
  const client = useQueryClient();
  useEffect(() => {
    const source = new EventSource("/api/live");
    const refresh = () => {
      void client.invalidateQueries({ queryKey: ["queue"] });
      onEvent?.();
    };
    source.addEventListener("containers", refresh);
    return () => source.close();
  }, [client, onEvent]);
}

export interface HeaderFields {
  status: string;
  severity: string;
  sensitivity: string;
  ownerId: number | null;
  dueTime: string | null;
}

/**
 * The investigation header's editable fields, seeded from the server render. An edit shows at
 * once (optimistic), is rolled back if the server refuses it, and the server's next render
 * (revalidated by the action) replaces the cache.
 */
export function useContainerHeader(id: number, server: HeaderFields) {
  const client = useQueryClient();
  const key = ["container-header", id];
  const query = useQuery({ queryKey: key, queryFn: () => server, initialData: server, staleTime: Infinity });
  const serialized = JSON.stringify(server);
  useEffect(() => {
    client.setQueryData(key, JSON.parse(serialized) as HeaderFields);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the key is derived from id
  }, [client, id, serialized]);
  const mutation = useMutation({
    mutationFn: async (patch: Partial<HeaderFields>) => {
      const { ownerId, dueTime, ...rest } = patch;
      const body = {
        ...rest,
        ...(ownerId !== undefined ? { owner_id: ownerId } : {}),
        ...(dueTime !== undefined ? { due_time: dueTime } : {}),
      };
      const result = await updateContainerAction({ id, patch: body });
      if (!result.ok) throw new Error(result.error);
    },
    onMutate: async (patch) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<HeaderFields>(key);
      client.setQueryData<HeaderFields>(key, (old) => ({ ...(old ?? server), ...patch }));
      return { previous };
    },
    onError: (_err, _patch, context) => {
      if (context?.previous) client.setQueryData(key, context.previous);
    },
  });
  return { fields: query.data, update: mutation.mutate, error: mutation.error, pending: mutation.isPending };
}
