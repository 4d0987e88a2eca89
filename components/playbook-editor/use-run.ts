"use client";
// The debugger's run, polled while it goes on (about once a second, stopping when it ends).
import { useQuery } from "@tanstack/react-query";
import type { RunView } from "@/lib/domain/playbook-run-view";

export function useRun(runId: number | null) {
  return useQuery<RunView>({
    queryKey: ["playbook-run", runId],
    enabled: runId !== null,
    queryFn: async () => {
      const res = await fetch(`/api/playbook-runs/${runId}`, { cache: "no-store" });
      if (!res.ok) throw new Error(((await res.json().catch(() => ({}))) as { message?: string }).message ?? `HTTP ${res.status}`);
      return (await res.json()) as RunView;
    },
    refetchInterval: (q) => (q.state.data && q.state.data.status !== "running" ? false : 800),
  });
}
