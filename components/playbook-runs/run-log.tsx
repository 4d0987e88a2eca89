"use client";
// One playbook run opened on the investigation page: the blocks it ran (status, time, error), or
// for a code playbook (SOAR Python) the functions it called, and its log lines (debug output
// included), refreshed every second while the run goes on.
import { useQuery } from "@tanstack/react-query";
import { fetchJson, RunStatus } from "@/components/apps/run-status";
import { Empty } from "@/components/events/section";
import type { RunView } from "@/lib/domain/playbook-run-view";

const LEVEL: Record<string, string> = {
  error: "text-red-700 dark:text-red-400",
  debug: "text-slate-500 dark:text-slate-400",
  info: "text-slate-700 dark:text-slate-300",
};

export function RunLog({ id, live }: { id: number; live: boolean }) {
  const query = useQuery({
    queryKey: ["playbook-run", id],
    queryFn: () => fetchJson<RunView>(`/api/playbook-runs/${id}`),
    refetchInterval: live ? 1000 : false,
  });
  const d = query.data;
  return (
    <div id={`run-log-${id}`} className="mt-2 space-y-3 rounded border border-slate-200 p-2 dark:border-slate-700">
      {query.error ? <p role="alert" className="text-sm text-red-700 dark:text-red-400">{(query.error as Error).message}</p> : !d ? <Empty>Loading…</Empty> : (
        <>
          {d.calls && (
            <table aria-label={`Functions of run ${id}`} className="w-full text-left text-xs">
              <thead className="text-slate-500 dark:text-slate-400">
                <tr><th className="py-0.5 pr-2 font-medium">Function</th><th className="pr-2 font-medium">Callback of</th><th className="pr-2 font-medium">Status</th></tr>
              </thead>
              <tbody>
                {d.calls.map((c, i) => (
                  <tr key={i} className="border-t border-slate-100 align-top dark:border-slate-800">
                    <td className="py-0.5 pr-2 font-mono break-all">{c.function}(){c.error && <span className="block font-sans text-red-700 dark:text-red-400">{c.error}</span>}</td>
                    <td className="pr-2 break-all">{c.resumedBy ? `${c.resumedBy.kind} ${c.resumedBy.name} (${c.resumedBy.status})` : ""}</td>
                    <td className="pr-2"><RunStatus status={c.status} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {!d.calls && d.steps.length > 0 && (
            <table aria-label={`Blocks of run ${id}`} className="w-full text-left text-xs">
              <thead className="text-slate-500 dark:text-slate-400">
                <tr><th className="py-0.5 pr-2 font-medium">Block</th><th className="pr-2 font-medium">Type</th><th className="pr-2 font-medium">Status</th><th className="pr-2 text-right font-medium">Time</th></tr>
              </thead>
              <tbody>
                {d.steps.map((s) => (
                  <tr key={s.blockId} className="border-t border-slate-100 align-top dark:border-slate-800">
                    <td className="py-0.5 pr-2 font-mono break-all">{s.blockName}{s.error && <span className="block font-sans text-red-700 dark:text-red-400">{s.error}</span>}</td>
                    <td className="pr-2">{s.blockType}</td>
                    <td className="pr-2"><RunStatus status={s.status} /></td>
                    <td className="pr-2 text-right tabular-nums">{s.ms} ms</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <ol aria-label={`Log of run ${id}`} className="max-h-80 space-y-0.5 overflow-y-auto font-mono text-xs">
            {d.logs.length === 0 && <li className="text-slate-500 dark:text-slate-400">Nothing logged yet.</li>}
            {d.logs.map((l) => (
              <li key={l.id} className={`break-words ${LEVEL[l.level] ?? LEVEL.info}`}>
                <span className="text-slate-400">{l.time.slice(11, 23)}</span> {l.level !== "info" && <span className="uppercase">[{l.level}] </span>}{l.message}
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
