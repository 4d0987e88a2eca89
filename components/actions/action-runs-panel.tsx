"use client";
// The container's action runs, newest first, with each app run's result. Polls every second
// while any run is pending or running, then every 15 s (a run started elsewhere shows up).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Empty, Section } from "@/components/events/section";
import { cancelActionRunAction } from "@/app/(console)/events/action-runs";
import { fetchJson, RunStatus } from "@/components/apps/run-status";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Time } from "@/components/ui/time";
import { useActionToast } from "@/components/ui/toast";
import type { ActionRunView } from "@/lib/domain/action-runs-view";
import { AppRunResult } from "./result-table";
import { useRunActions } from "./run-context";

const LIVE = new Set(["pending", "running"]);

export function ActionRunsPanel({ containerId }: { containerId: number }) {
  const client = useQueryClient();
  const run = useRunActions();
  const { pending, run: act } = useActionToast();
  const query = useQuery({
    queryKey: ["action-runs", containerId],
    queryFn: () => fetchJson<ActionRunView[]>(`/api/containers/${containerId}/action-runs`),
    refetchInterval: (q) => (q.state.data?.some((r) => LIVE.has(r.status)) ? 1000 : 15_000),
    retry: false,
  });
  if (query.error && /may not/.test((query.error as Error).message)) return null;
  const runs = query.data ?? [];
  return (
    <Section title="Action runs" count={runs.length}>
      {query.isLoading ? <Empty>Loading…</Empty> : runs.length === 0 ? (
        <Empty>No actions run on this container yet. Open a value in the artifacts to run one.</Empty>
      ) : (
        <ul className="space-y-4">
          {runs.map((r) => (
            <li key={r.id} aria-label={`Action run ${r.name}`} data-status={r.status}>
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span className="font-medium">{r.action}</span>
                <RunStatus status={r.status} />
                <span className="text-slate-500 dark:text-slate-400">
                  {r.total - r.remaining} of {r.total} done · {r.creatorName || "system"} · <Time value={r.createdAt} />
                </span>
                {run?.canRun && LIVE.has(r.status) && !r.cancelRequested && (
                  <ConfirmDialog
                    title={`Cancel ${r.action}?`}
                    description="App runs not started are cancelled; running ones are told to stop."
                    confirmLabel="Cancel action run"
                    onConfirm={() => act(() => cancelActionRunAction({ id: r.id }), "Cancel requested", () => void client.invalidateQueries({ queryKey: ["action-runs", containerId] }))}
                    trigger={<Button variant="secondary" className="ml-auto !px-2 !py-0.5 text-xs" disabled={pending}>Cancel</Button>}
                  />
                )}
              </div>
              {r.message && !LIVE.has(r.status) && <p className="text-xs text-slate-500 dark:text-slate-400">{r.message}</p>}
              <div className="mt-2 space-y-2">{r.appRuns.map((a) => <AppRunResult key={a.id} run={a} />)}</div>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
