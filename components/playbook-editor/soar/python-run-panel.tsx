"use client";
// The debugger of an imported SOAR playbook: run its .py on a chosen container (or open a past
// run) and read which functions ran, in order: for each, the action, prompt or child run whose
// callback it is (parameters and results), its phantom.debug lines and what it started.
import type { FunctionCall, Waited } from "@/lib/domain/code-run-calls";
import type { RunView } from "@/lib/domain/playbook-run-view";
import { RunControls } from "../panels/debug-panel";

const json = (v: unknown) => JSON.stringify(v, null, 2);
const BADGE: Record<string, string> = {
  success: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/50 dark:text-emerald-300", failed: "bg-red-100 text-red-800 dark:bg-red-900/50 dark:text-red-300",
  waiting: "bg-amber-100 text-amber-800 dark:bg-amber-900/50 dark:text-amber-300",
};
const Badge = ({ s }: { s: string }) => <span className={`rounded px-1 text-[10px] font-medium ${BADGE[s] ?? "bg-slate-100 dark:bg-slate-800"}`}>{s}</span>;
const Json = ({ label, value }: { label: string; value: unknown }) => (
  <details><summary className="cursor-pointer text-slate-600 dark:text-slate-400">{label}</summary>
    <pre className="max-h-48 overflow-auto rounded bg-slate-50 p-1.5 font-mono text-[11px] dark:bg-slate-950">{json(value)}</pre></details>
);

function WaitedView({ w, verb }: { w: Waited; verb: string }) {
  return (
    <div className="rounded border border-slate-200 p-1.5 dark:border-slate-700">
      <p>{verb} {w.kind} <span className="font-mono">{w.name}</span> <Badge s={w.status} />{w.assets ? <span className="text-slate-500"> on {(w.assets as string[]).join(", ") || "no asset"}</span> : null}</p>
      {w.message && <p className="text-slate-600 dark:text-slate-400">{w.message}</p>}
      {w.parameters !== null && <Json label="Parameters" value={w.parameters} />}
      {w.results !== null && <Json label="Results" value={w.results} />}
    </div>
  );
}

function Call({ c, i, onPick }: { c: FunctionCall; i: number; onPick: (fn: string) => void }) {
  return (
    <li aria-label={`${i + 1}. ${c.function}()`} className="space-y-1 rounded border border-slate-200 p-2 dark:border-slate-700">
      <div className="flex items-center gap-2">
        <button type="button" onClick={() => onPick(c.function)} className="link font-mono font-medium">{i + 1}. {c.function}()</button>
        <Badge s={c.status} />
        <span className="ml-auto text-slate-400">{c.at.slice(11, 23)}</span>
      </div>
      {c.error && <p className="text-red-700 dark:text-red-400">{c.error}</p>}
      {c.resumedBy && <WaitedView w={c.resumedBy} verb="Callback of" />}
      {c.logs.length > 0 && (
        <ol aria-label={`Debug lines of ${c.function}`} className="max-h-40 overflow-auto rounded bg-slate-50 p-1.5 font-mono text-[11px] dark:bg-slate-950">
          {c.logs.map((l, j) => <li key={j} className={`break-words ${l.level === "error" ? "text-red-700 dark:text-red-400" : ""}`}>{l.message}</li>)}
        </ol>
      )}
      {c.started.map((w) => <WaitedView key={w.name} w={w} verb="Started" />)}
    </li>
  );
}

export function PythonRunPanel({ containers, containerId, setContainerId, onRun, canRun, why, run, error, onPick }: {
  containers: { id: number; name: string; label: string }[]; containerId: string; setContainerId: (v: string) => void; onRun: () => void; canRun: boolean; why: string | null;
  run: RunView | undefined; error: string | null; onPick: (fn: string) => void;
}) {
  return (
    <section aria-label="Debugger" className="space-y-2 text-xs">
      <h2 className="text-sm font-semibold">Debug</h2>
      <RunControls containers={containers} containerId={containerId} setContainerId={setContainerId} onRun={onRun} canRun={canRun} why={why} run={run} error={error} />
      {run && (run.calls?.length
        ? <ol aria-label="Functions called" className="space-y-2">{run.calls.map((c, i) => <Call key={`${c.turn}-${i}`} c={c} i={i} onPick={onPick} />)}</ol>
        : <p className="text-slate-500">{run.status === "running" ? "Starting…" : "No function was recorded for this run."}</p>)}
      {run && run.waiting.length > 0 && <p className="text-amber-700 dark:text-amber-300">Waiting for {run.waiting.map((w) => `${w.kind} ${w.blockId}`).join(", ")}.</p>}
    </section>
  );
}
