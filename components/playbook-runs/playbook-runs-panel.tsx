"use client";
// The container's playbook runs, newest first: status per run, what it waits for, its log on
// demand, Cancel while it runs, and "Run playbook". Polls every second while a run is running and
// every 5 s otherwise (a label trigger starts runs without anyone on the page asking). When a run
// ends, the page's server data (notes, header, activity) is refreshed, since the run may have
// changed them.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { cancelPlaybookRunAction } from "@/app/(console)/events/playbook-runs";
import { fetchJson, RunStatus } from "@/components/apps/run-status";
import { Empty, Section } from "@/components/events/section";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Time } from "@/components/ui/time";
import { useActionToast } from "@/components/ui/toast";
import type { PlaybookRunView, RunnablePlaybook } from "@/lib/domain/playbook-runs-view";
import { RunLog } from "./run-log";
import { RunPlaybookDialog } from "./run-playbook-dialog";

async function fetchRunnable(): Promise<RunnablePlaybook[] | null> {
  const res = await fetch("/api/playbooks/runnable", { headers: { accept: "application/json" } });
  if (res.status === 403) return null;
  if (!res.ok) throw new Error(`the playbook list answered ${res.status}`);
  return (await res.json()) as RunnablePlaybook[];
}

function duration(from: string, to: string | null): string {
  const ms = (to ? new Date(to).getTime() : Date.now()) - new Date(from).getTime();
  return ms < 1000 ? `${Math.max(ms, 0)} ms` : ms < 120_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 60_000)} min`;
}

export function PlaybookRunsPanel({ containerId }: { containerId: number }) {
  const client = useQueryClient();
  const router = useRouter();
  const { pending, run: act } = useActionToast();
  const [open, setOpen] = useState<Set<number>>(new Set());
  const [dialog, setDialog] = useState(false);
  const runnable = useQuery({ queryKey: ["runnable-playbooks"], queryFn: fetchRunnable, staleTime: 30_000 });
  const query = useQuery({
    queryKey: ["playbook-runs", containerId],
    queryFn: () => fetchJson<PlaybookRunView[]>(`/api/containers/${containerId}/playbook-runs`),
    refetchInterval: (q) => (q.state.data?.some((r) => r.status === "running") ? 1000 : 5000),
    retry: false,
  });
  const runs = query.data;
  // The status each run had at the last poll. A run that ended since (or started and ended
  // between two polls) may have changed the server-rendered parts of the page.
  const seen = useRef<Map<number, string> | null>(null);
  useEffect(() => {
    if (!runs) return;
    const before = seen.current;
    seen.current = new Map(runs.map((r) => [r.id, r.status]));
    if (before && runs.some((r) => r.status !== "running" && (before.get(r.id) ?? "running") === "running")) router.refresh();
  }, [runs, router]);
  if (query.error && /may not/.test((query.error as Error).message)) return null;
  const refetch = () => void client.invalidateQueries({ queryKey: ["playbook-runs", containerId] });
  const toggle = (id: number) => setOpen((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  const canRun = Array.isArray(runnable.data);
  return (
    <Section
      title="Playbook runs"
      count={runs?.length}
      actions={canRun ? <Button variant="secondary" className="!px-2 !py-0.5 text-xs" onClick={() => setDialog(true)}>Run playbook</Button> : undefined}
    >
      {!runs ? <Empty>Loading…</Empty> : runs.length === 0 ? (
        <Empty>No playbook has run on this event yet.{canRun ? " Run one by hand with Run playbook." : ""}</Empty>
      ) : (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800">
          {runs.map((r) => (
            <li key={r.id} aria-label={`Playbook run ${r.id} of ${r.playbook}`} data-status={r.status} className="py-2 first:pt-0 last:pb-0">
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span className="font-medium break-all">{r.playbook}</span>
                <RunStatus status={r.status} />
                <span className="text-slate-500 dark:text-slate-400">
                  run #{r.id}{r.parentRunId ? ` (child of #${r.parentRunId})` : ""} · {r.startedBy} · <Time value={r.startedAt} /> · {duration(r.startedAt, r.endedAt)} · scope {r.scope}
                </span>
                <span className="ml-auto flex gap-1">
                  {r.debuggable && (
                    <Link href={`/playbooks/${r.playbookId}?run=${r.id}`} className="rounded-md px-2 py-0.5 text-xs font-medium text-brand-700 hover:bg-slate-100 dark:text-brand-300 dark:hover:bg-slate-800" aria-label={`Open run ${r.id} in the debugger`}>
                      Debugger
                    </Link>
                  )}
                  <Button variant="ghost" className="!px-2 !py-0.5 text-xs" aria-expanded={open.has(r.id)} aria-controls={`run-log-${r.id}`} onClick={() => toggle(r.id)}>
                    {open.has(r.id) ? "Hide log" : "Log"}
                  </Button>
                  {canRun && r.status === "running" && (
                    <ConfirmDialog
                      title={`Cancel run #${r.id} of ${r.playbook}?`}
                      description="The run stops where it is, with the child runs it waits for; what it already changed stays."
                      confirmLabel="Cancel playbook run"
                      onConfirm={() => act(() => cancelPlaybookRunAction({ id: r.id }), "Playbook run cancelled", refetch)}
                      trigger={<Button variant="secondary" className="!px-2 !py-0.5 text-xs" disabled={pending}>Cancel</Button>}
                    />
                  )}
                </span>
              </div>
              {r.waiting.length > 0 && <p className="text-xs text-slate-500 dark:text-slate-400">Waiting for {r.waiting.join(", ")}</p>}
              {r.message && r.status !== "running" && <p className={`text-xs ${r.status === "failed" ? "text-red-700 dark:text-red-400" : "text-slate-500 dark:text-slate-400"}`}>{r.message}</p>}
              {open.has(r.id) && <RunLog id={r.id} live={r.status === "running"} />}
            </li>
          ))}
        </ul>
      )}
      {dialog && runnable.data && <RunPlaybookDialog containerId={containerId} playbooks={runnable.data} onClose={() => setDialog(false)} onStarted={refetch} />}
    </Section>
  );
}
