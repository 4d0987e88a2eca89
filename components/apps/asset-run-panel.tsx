"use client";
// "Test connectivity" and "Poll now": run the app's test or ingest action on this asset and show
// how it ended (status and the app's message), polling the action run until it finishes.
import { useQuery } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { pollNowAction, testConnectivityAction } from "@/app/(console)/apps/actions";
import { Button } from "@/components/ui/button";
import type { ActionRunView } from "@/lib/domain/action-runs-view";
import { fetchJson, RunStatus } from "./run-status";

const DONE = ["success", "failed", "partial", "cancelled"];

const KINDS = {
  test: { heading: "Connectivity", button: "Test connectivity", busy: "Testing…", start: testConnectivityAction },
  poll: { heading: "Ingestion", button: "Poll now", busy: "Polling…", start: pollNowAction },
} as const;

export function AssetRunPanel({ assetId, kind, children }: { assetId: number; kind: keyof typeof KINDS; children?: React.ReactNode }) {
  const k = KINDS[kind];
  const [runId, setRunId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const run = useQuery({
    queryKey: ["action-run", runId],
    queryFn: () => fetchJson<ActionRunView>(`/api/action-runs/${runId}`),
    enabled: runId !== null,
    refetchInterval: (q) => (q.state.data && DONE.includes(q.state.data.status) ? false : 700),
  });
  const data = run.data;
  const appRun = data?.appRuns[0];
  const message = appRun?.results[0]?.message || appRun?.message || data?.message;
  return (
    <section aria-labelledby={`asset-run-${kind}`} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id={`asset-run-${kind}`} className="font-semibold">{k.heading}</h2>
        <Button variant="secondary" disabled={pending || (data !== undefined && !DONE.includes(data.status))} onClick={() => {
          setError(null);
          start(async () => {
            const result = await k.start({ id: assetId });
            if (!result.ok) return setError(result.error);
            setRunId(result.value!.actionRunId);
          });
        }}>{k.button}</Button>
      </div>
      {children}
      {error && <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">{error}</p>}
      {runId !== null && (
        <div className="mt-3 text-sm" aria-live="polite" data-testid={kind === "test" ? "connectivity-result" : "poll-result"}>
          {!data || !DONE.includes(data.status)
            ? <p className="text-slate-600 dark:text-slate-400">{k.busy}</p>
            : <p><RunStatus status={data.status} /> <span className="ml-1">{message}</span></p>}
        </div>
      )}
      {run.error && <p role="alert" className="mt-2 text-sm text-red-700">{(run.error as Error).message}</p>}
    </section>
  );
}
