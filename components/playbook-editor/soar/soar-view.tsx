"use client";
// An imported Splunk SOAR playbook in the visual editor, read-only: every SOAR block and edge on
// the canvas with SOAR's block types mapped to Vigil's, a side panel with the selected block
// (conditions, datapaths, its Python), the import report and the debugger of its runs. Editing is
// off: the playbook runs the .py it was imported with, which the graph does not regenerate.
import { ReactFlowProvider, useReactFlow } from "@xyflow/react";
import { useEffect, useMemo, useState, useTransition } from "react";
import { debugRunAction } from "@/app/(console)/playbooks/actions";
import type { SoarPlaybookView } from "@/lib/domain/soar-view";
import type { NodeData } from "@/lib/schemas/playbooks";
import { Canvas } from "../canvas";
import { ImportReportView } from "../import-report";
import type { BlockNode, Doc } from "../model/convert";
import { autoLayout } from "../model/layout";
import { NODE_TYPES } from "../nodes";
import { MarksContext, type Marks } from "../nodes/marks";
import { SidePanel } from "../panels/side-panel";
import { Toolbar } from "../toolbar";
import { observeDark } from "../use-editor-keys";
import { useRun } from "../use-run";
import { PythonRunPanel } from "./python-run-panel";
import { SoarBlockPanel } from "./soar-block-panel";
import { SoarSummary } from "./soar-summary";
import type { BlockStatus } from "@/lib/domain/playbook-run-view";
import type { RunView } from "@/lib/domain/playbook-run-view";

type Tab = "block" | "report" | "debug";
const noop = () => {};

/** SOAR's graph as the canvas's document, laid out left to right as Vigil's editor draws. */
function soarDoc(view: SoarPlaybookView): Doc {
  const nodes: BlockNode[] = Object.values(view.graph.nodes).map((n) => ({
    id: n.id, type: n.type in NODE_TYPES ? n.type : "utility", position: { x: n.x ?? 0, y: n.y ?? 0 }, data: { block: n.data as unknown as NodeData },
  }));
  const edges = view.graph.edges.map((e, i) => {
    const c = e.conditions?.[0]?.index;
    return { id: e.id || `e${i}`, source: e.source, target: e.target, sourceHandle: c === undefined ? null : `c${c}` };
  });
  return autoLayout({ nodes, edges });
}

/** Blocks marked by the run: a block whose function ran, or whose action/prompt/child run it started. */
function runStatus(view: SoarPlaybookView, run: RunView | undefined): Record<string, BlockStatus> {
  const out: Record<string, BlockStatus> = {};
  if (!run?.calls) return out;
  const byName = new Map(Object.values(view.graph.nodes).map((n) => [String(n.soar.data.functionName ?? "").toLowerCase(), n.id]));
  const mark = (name: string, status: string) => {
    const id = byName.get(name.toLowerCase());
    if (id) out[id] = status === "failed" ? "failed" : status === "waiting" ? "waiting" : "success";
  };
  for (const c of run.calls) {
    for (const w of c.started) mark(w.name, w.status);
    mark(c.function, c.status);
  }
  return out;
}

export interface SoarPlaybookProps {
  view: SoarPlaybookView; exportHref: string; containers: { id: number; name: string; label: string }[]; canRun: boolean; runId?: number;
}

export function SoarPlaybook({ view, exportHref, containers, canRun, runId: pastRun }: SoarPlaybookProps) {
  const flow = useReactFlow();
  const [doc, setDoc] = useState<Doc>(() => soarDoc(view));
  // A large playbook fitted whole is too small to read: it opens on its first blocks, readable;
  // Zoom to fit shows all of it.
  const [firstView] = useState(() => ({ nodes: [...doc.nodes].sort((a, b) => a.position.x - b.position.x).slice(0, 6).map((n) => ({ id: n.id })), maxZoom: 1 }));
  const [selected, setSelected] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>(pastRun ? "debug" : "block");
  const [runId, setRunId] = useState<number | null>(pastRun ?? null);
  const [containerId, setContainerId] = useState("");
  const [runError, setRunError] = useState<string | null>(null);
  const [starting, startRun] = useTransition();
  const run = useRun(runId);
  const [dark, setDark] = useState(false);
  useEffect(() => observeDark(setDark), []);
  const marks: Marks = useMemo(() => ({ problems: new Map(), status: runStatus(view, run.data), diff: {} }), [view, run.data]);
  const debug = () => startRun(async () => {
    setRunError(null);
    const r = await debugRunAction({ id: view.id, containerId: Number(containerId) });
    if (!r.ok) return setRunError(r.error);
    setRunId(r.value!.runId);
  });
  // A function of the run picked in the debugger selects its block on the canvas.
  const pick = (fn: string) => {
    const n = Object.values(view.graph.nodes).find((x) => String(x.soar.data.functionName ?? "").toLowerCase() === fn.toLowerCase());
    if (!n) return;
    setSelected(n.id);
    setDoc((d) => ({ ...d, nodes: d.nodes.map((x) => ({ ...x, selected: x.id === n.id })) }));
  };
  const node = selected ? view.graph.nodes[selected] : undefined;
  const tabs: [Tab, string][] = [["block", node ? "Block" : "Playbook"], ["report", "Import report"], ["debug", "Debug"]];
  const edges = view.graph.edges.length, blocks = Object.keys(view.graph.nodes).length;
  return (
    <MarksContext.Provider value={marks}>
      <div className="flex h-[calc(100vh-5.5rem)] flex-col overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <Toolbar title={view.name} version={view.version} dirty={false} readOnly canUndo={false} canRedo={false} undo={noop} redo={noop} layout={noop}
          fit={() => void flow.fitView()} message="" setMessage={noop} save={noop} pending={false} saved active={view.active} errors={0} setActive={noop} conflict={null} />
        <div role="note" className="flex flex-wrap items-center gap-2 border-b border-amber-200 bg-amber-50 px-3 py-1.5 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200">
          <span>Imported from Splunk SOAR ({view.repo}). Read-only: this playbook runs its <code>.py</code> in Vigil&apos;s Python sandbox; the graph ({blocks} blocks, {edges} connections) shows what SOAR generated it from, so editing is disabled.</span>
          <a href={exportHref} download className="ml-auto rounded-md border border-amber-300 bg-white px-2 py-0.5 text-xs font-medium text-amber-900 hover:bg-amber-100 dark:border-amber-800 dark:bg-amber-900 dark:text-amber-100">Export SOAR archive</a>
        </div>
        <div className="flex min-h-0 flex-1">
          <div className="min-w-0 flex-1">
            <Canvas doc={doc} update={(fn) => setDoc(fn)} checkpoint={noop} onAdd={noop} onSelect={setSelected} readOnly dark={dark} fitViewOptions={firstView} />
          </div>
          <SidePanel tabs={tabs} tab={tab} setTab={setTab} width="w-[26rem]">
            {tab === "block" && (node
              ? <SoarBlockPanel key={node.id} node={node} python={view.functions[node.id]} />
              : <SoarSummary view={view} />)}
            {tab === "debug" && (
              <PythonRunPanel containers={containers} containerId={containerId} setContainerId={setContainerId} onRun={debug} canRun={canRun && !starting && !pastRun}
                why={pastRun ? "A past run, read-only." : canRun ? null : "Your role may not run playbooks."} run={run.data} error={runError ?? (run.error ? run.error.message : null)} onPick={pick} />
            )}
            {tab === "report" && (view.report ? <ImportReportView report={view.report} name={view.name} /> : <p className="text-xs">No import report.</p>)}
          </SidePanel>
        </div>
      </div>
    </MarksContext.Provider>
  );
}

export function SoarPlaybookEditor(props: SoarPlaybookProps) {
  return <ReactFlowProvider><SoarPlaybook {...props} /></ReactFlowProvider>;
}
