"use client";
// One app run's result: per parameter set its status, message and summary, the data as a table
// from the action's output data paths, or the raw JSON.
import { useState } from "react";
import { resultRows } from "@/lib/apps/output-columns";
import type { AppRunView } from "@/lib/domain/action-runs-view";
import { RunStatus } from "@/components/apps/run-status";

export function AppRunResult({ run }: { run: AppRunView }) {
  const [json, setJson] = useState(false);
  const done = !["pending", "running"].includes(run.status);
  return (
    <div className="rounded border border-slate-200 p-3 dark:border-slate-700" data-testid={`app-run-${run.id}`}>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium">{run.assetName}</span>
        <span className="text-slate-500 dark:text-slate-400">({run.appName})</span>
        <RunStatus status={run.status} />
        {run.attempt > 1 && <span className="text-xs text-slate-500">attempt {run.attempt}</span>}
        {done && run.results.length > 0 && (
          <button type="button" className="ml-auto text-xs text-brand-700 underline dark:text-brand-300" aria-pressed={json} onClick={() => setJson(!json)}>
            {json ? "Table view" : "JSON view"}
          </button>
        )}
      </div>
      {run.results.length === 0 && run.message && <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{run.message}</p>}
      {json ? (
        <pre className="mt-2 max-h-80 overflow-auto rounded bg-slate-50 p-2 text-xs dark:bg-slate-950">{JSON.stringify(run.results, null, 2)}</pre>
      ) : run.results.map((r, i) => {
        const rows = resultRows(r, run.columns);
        const summary = Object.entries(r.summary ?? {});
        return (
          <div key={i} className="mt-2 space-y-1">
            <p className={`text-sm ${r.status === "success" ? "text-slate-700 dark:text-slate-300" : "text-red-700 dark:text-red-400"}`}>{r.message}</p>
            {summary.length > 0 && (
              <p className="text-xs text-slate-500 dark:text-slate-400">
                {summary.map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`).join(" · ")}
              </p>
            )}
            {rows.length > 0 && run.columns.length > 0 && (
              <div className="overflow-x-auto">
                <table className="w-full text-xs" aria-label={`Result of ${run.assetName}`}>
                  <thead className="text-left text-slate-500 dark:text-slate-400">
                    <tr>{run.columns.map((c) => <th key={c.path} className="px-2 py-1 font-medium" title={c.path}>{c.label}</th>)}</tr>
                  </thead>
                  <tbody>
                    {rows.map((row, j) => (
                      <tr key={j} className="border-t border-slate-100 dark:border-slate-800">
                        {row.map((cell, k) => <td key={k} className="break-all px-2 py-1 font-mono">{cell}</td>)}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}
