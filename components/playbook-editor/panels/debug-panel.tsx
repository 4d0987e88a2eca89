"use client";
// The debugger: run the saved playbook on a chosen container, watch its status, and read the
// selected block's inputs, outputs, error, timing and log lines from the run record.
import { Button } from "@/components/ui/button";
import type { EditorContext } from "@/lib/domain/playbook-editor";
import type { RunView } from "@/lib/domain/playbook-run-view";
import type { ReactNode } from "react";
import { SelectField } from "./controls";

const json = (v: unknown) => JSON.stringify(v, null, 2);

function download(run: RunView) {
  const url = URL.createObjectURL(new Blob([json(run)], { type: "application/json" }));
  const a = Object.assign(document.createElement("a"), { href: url, download: `playbook-run-${run.id}.json` });
  a.click();
  URL.revokeObjectURL(url);
}

/** Choose a container and run (or run again), the reason it cannot run, and the run's status. */
export function RunControls({ containers, containerId, setContainerId, onRun, canRun, why, run, error, children }: {
  containers: EditorContext["containers"]; containerId: string; setContainerId: (v: string) => void; onRun: () => void; canRun: boolean; why: string | null;
  run: RunView | undefined; error: string | null; children?: ReactNode;
}) {
  return (
    <>
      <SelectField label="Container" value={containerId} onChange={setContainerId}
        options={[{ value: "", label: "Choose a container ..." }, ...containers.map((c) => ({ value: String(c.id), label: `#${c.id} ${c.name} (${c.label})` }))]} />
      <div className="flex items-center gap-2">
        <Button type="button" onClick={onRun} disabled={!canRun || !containerId}>{run ? "Run again" : "Debug run"}</Button>
        {children}
      </div>
      {why && <p className="text-slate-500">{why}</p>}
      {error && <p role="alert" className="text-red-700 dark:text-red-400">{error}</p>}
      {run && (
        <div role="status" aria-label="Run status" className="rounded bg-slate-100 p-2 dark:bg-slate-800">
          Run {run.id} on container #{run.containerId}: <strong data-testid="run-status">{run.status}</strong>{run.message ? ` — ${run.message}` : ""}
        </div>
      )}
    </>
  );
}

export function DebugPanel({ ctx, containerId, setContainerId, onRun, canRun, why, run, error, blockId, blockName }: {
  ctx: EditorContext; containerId: string; setContainerId: (v: string) => void; onRun: () => void; canRun: boolean; why: string | null;
  run: RunView | undefined; error: string | null; blockId: string | null; blockName: string | null;
}) {
  const step = run?.steps.find((s) => s.blockId === blockId);
  const logs = run?.logs.filter((l) => l.blockId === blockId) ?? [];
  const waiting = run?.waiting.find((w) => w.blockId === blockId);
  return (
    <section aria-label="Debugger" className="space-y-2 text-xs">
      <h2 className="text-sm font-semibold">Debug</h2>
      <RunControls containers={ctx.containers} containerId={containerId} setContainerId={setContainerId} onRun={onRun} canRun={canRun} why={why} run={run} error={error}>
        {run && <Button type="button" variant="secondary" onClick={() => download(run)}>Download log</Button>}
      </RunControls>
      {run && !blockId && <p className="text-slate-500">Click a block to see its inputs, outputs and log.</p>}
      {run && blockId && (
        <div aria-label={`Run data of ${blockName ?? blockId}`} className="space-y-2">
          <h3 className="font-semibold">{blockName ?? blockId}: {step?.status ?? (waiting ? `waiting for ${waiting.kind}` : run.blocks[blockId] ?? "did not run")}</h3>
          {step && <p className="text-slate-500">{new Date(step.startedAt).toISOString()} · {Date.parse(step.endedAt) - Date.parse(step.startedAt)} ms</p>}
          {step?.error && <p className="text-red-700 dark:text-red-400">{step.error}</p>}
          {(["inputs", "outputs"] as const).map((k) => step && (
            <details key={k} open>
              <summary className="cursor-pointer font-medium">{k === "inputs" ? "Inputs" : "Outputs"}</summary>
              <pre data-testid={`step-${k}`} className="max-h-60 overflow-auto rounded bg-slate-50 p-2 font-mono text-[11px] dark:bg-slate-950">{json(step[k])}</pre>
            </details>
          ))}
          {waiting && <pre className="max-h-40 overflow-auto rounded bg-slate-50 p-2 font-mono text-[11px] dark:bg-slate-950">{json(waiting.detail)}</pre>}
          <ul aria-label="Log" className="space-y-0.5">
            {logs.map((l, i) => <li key={i} className={l.level === "error" ? "text-red-700 dark:text-red-400" : ""}>{l.time.slice(11, 23)} {l.message}</li>)}
          </ul>
        </div>
      )}
    </section>
  );
}
