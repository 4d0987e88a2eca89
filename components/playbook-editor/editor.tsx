"use client";
// The visual playbook editor and debugger (issue 10): palette, canvas, and a side panel with the
// selected block's form, the problems, the versions and the debugger. Validation runs as you
// draw; the server runs the same checks before it activates or debugs a playbook.
import { ReactFlowProvider, useReactFlow } from "@xyflow/react";
import { useEffect, useMemo, useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { debugRunAction, versionGraphAction } from "@/app/(console)/playbooks/actions";
import type { EditorContext } from "@/lib/domain/playbook-editor";
import type { VersionInfo } from "@/lib/domain/playbook-versions";
import { validateGraph, type Problem } from "@/lib/engine/validate";
import type { Graph, NodeData } from "@/lib/schemas/playbooks";
import { Canvas } from "./canvas";
import { freeName, newBlockData, type BlockType } from "./model/blocks";
import { fromGraph, nextId, sameDoc, toGraph, type Doc } from "./model/convert";
import { datapathOptions } from "./model/datapath-options";
import { diffGraphs, type GraphDiff } from "./model/diff";
import { autoLayout } from "./model/layout";
import { MarksContext } from "./nodes/marks";
import { Palette } from "./palette";
import { BlockPanel } from "./panels/block-panel";
import { DebugPanel } from "./panels/debug-panel";
import { ProblemsPanel } from "./panels/problems-panel";
import { SettingsPanel, type Meta } from "./panels/settings-panel";
import { VersionsPanel } from "./panels/versions-panel";
import { SidePanel } from "./panels/side-panel";
import { Toolbar } from "./toolbar";
import { copyBlocks, pasteBlocks } from "./use-clipboard";
import { useDocHistory } from "./use-doc-history";
import { observeDark, useEditorKeys } from "./use-editor-keys";
import { usePlaybookSave } from "./use-playbook-save";
import { useRun } from "./use-run";

export interface EditorPlaybook {
  id: number | null; version: number | null; active: boolean; meta: Meta; graph: Graph;
  inputSpec: unknown; outputSpec: unknown; tags: string[];
}
interface Props { playbook: EditorPlaybook; versions: VersionInfo[]; ctx: EditorContext; canWrite: boolean; canRun: boolean; runId?: number }

type Tab = "block" | "versions" | "debug";


function EditorInner({ playbook, versions, ctx, canWrite, canRun, runId: pastRun }: Props) {
  const flow = useReactFlow();
  const h = useDocHistory(useMemo(() => fromGraph(playbook.graph), [playbook.graph]));
  const [meta, setMeta] = useState(playbook.meta);
  const [message, setMessage] = useState("");
  const [selected, setSelected] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>(pastRun ? "debug" : "block");
  const [dark, setDark] = useState(false);
  const [saved, setSaved] = useState<{ doc: Doc; meta: Meta }>(() => ({ doc: h.doc, meta }));
  const [comparing, setComparing] = useState<{ version: number; graph: Graph } | null>(null);
  const [runId, setRunId] = useState<number | null>(pastRun ?? null);
  const [runError, setRunError] = useState<string | null>(null);
  const [containerId, setContainerId] = useState("");
  const [starting, startRun] = useTransition();
  const s = usePlaybookSave({ id: playbook.id, version: playbook.version, active: playbook.active }, playbook);
  const readOnly = !canWrite || pastRun !== undefined;
  const run = useRun(runId);
  useEffect(() => observeDark(setDark), []);

  // Validation reads settings and connections, not positions: a drag frame keeps the same inputs.
  const datas = useRef<NodeData[]>([]);
  const nodeDatas = h.doc.nodes.map((n) => n.data.block);
  if (nodeDatas.length !== datas.current.length || nodeDatas.some((d, i) => d !== datas.current[i])) datas.current = nodeDatas;
  const structure = datas.current;
  const graph = useMemo(() => toGraph({ nodes: h.doc.nodes, edges: h.doc.edges }), [structure, h.doc.edges]); // eslint-disable-line react-hooks/exhaustive-deps
  const actionSpecs = useMemo(() => new Map(ctx.actions.map((a) => [a.action, { parameters: a.parameters }])), [ctx.actions]);
  const inputs = useMemo(() => (Array.isArray(playbook.inputSpec) ? (playbook.inputSpec as { name: string }[]).map((i) => i.name) : []), [playbook.inputSpec]);
  const problems = useMemo(() => validateGraph(graph, { actions: actionSpecs, inputs }), [graph, actionSpecs, inputs]);
  const errors = problems.filter((p) => p.severity === "error").length;
  const diff: GraphDiff | null = useMemo(() => (comparing ? diffGraphs(comparing.graph, graph) : null), [comparing, graph]);
  const marks = useMemo(() => {
    const byBlock = new Map<string, Problem[]>();
    for (const p of problems) if (p.blockId) byBlock.set(p.blockId, [...(byBlock.get(p.blockId) ?? []), p]);
    return { problems: byBlock, status: run.data?.blocks ?? {}, diff: diff?.blocks ?? {} };
  }, [problems, run.data, diff]);
  const names = useMemo(() => Object.fromEntries(h.doc.nodes.map((n) => [n.id, n.data.block.name ?? n.id])), [structure]); // eslint-disable-line react-hooks/exhaustive-deps
  // Compared, not serialized: this runs on every frame of a drag (the JSON key it replaced cost
  // about 1 ms a frame with 200 blocks, see docs/benchmarks.md).
  const dirty = useMemo(() => !sameDoc(h.doc, saved.doc), [h.doc, saved.doc]) || meta !== saved.meta;

  const addBlock = (type: BlockType, at?: { x: number; y: number }) => {
    if (readOnly) return;
    const taken = new Set(h.doc.nodes.map((n) => n.data.block.name ?? ""));
    const id = nextId(h.doc);
    const sel = h.doc.nodes.find((n) => n.id === selected);
    const position = at ?? (sel ? { x: sel.position.x + 280, y: sel.position.y } : flow.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 }));
    h.update((d) => ({ ...d, nodes: [...d.nodes.map((n) => ({ ...n, selected: false })), { id, type, position, selected: true, data: { block: newBlockData(type, freeName(type, taken)) } }] }));
    setSelected(id);
    setTab("block");
  };
  const setBlock = (id: string, block: NodeData) => h.update((d) => {
    const n = block.type === "filter" || block.type === "decision" ? block.conditions.length : Infinity;
    // A removed condition takes its branch's connections with it.
    const edges = d.edges.filter((e) => e.source !== id || !e.sourceHandle || Number(e.sourceHandle.slice(1)) < n);
    return { nodes: d.nodes.map((x) => (x.id === id ? { ...x, data: { block } } : x)), edges };
  });
  const layout = () => { h.update((d) => autoLayout(d)); setTimeout(() => void flow.fitView(), 50); };
  const save = () => {
    if (readOnly) return;
    const snapshot = { doc: h.doc, meta };
    // `graph` is memoized without positions (see above); the save keeps where blocks were moved.
    s.save(meta, toGraph(h.doc), message, errors > 0, () => { setSaved(snapshot); setMessage(""); });
  };
  const keys = useMemo(() => ({
    undo: h.undo, redo: h.redo, save, layout, fit: () => void flow.fitView(),
    copy: () => { const n = copyBlocks(h.doc); if (n) toast.success(`Copied ${n} block(s)`); },
    paste: () => { const d = pasteBlocks(h.doc); if (d) h.update(() => d); },
  }), [h, flow, meta, message, errors]); // eslint-disable-line react-hooks/exhaustive-deps
  useEditorKeys(keys, !readOnly);

  const debug = () => startRun(async () => {
    setRunError(null);
    const r = await debugRunAction({ id: s.id, containerId: Number(containerId) });
    if (!r.ok) return setRunError(r.error);
    setRunId(r.value!.runId);
  });
  const compare = (v: number | null) => {
    if (v === null || s.id === null) return setComparing(null);
    void versionGraphAction({ id: s.id, version: v }).then((r) => (r.ok && r.value ? setComparing({ version: v, graph: r.value }) : toast.error(r.ok ? `version ${v} has no graph` : r.error)));
  };

  const node = h.doc.nodes.find((n) => n.id === selected);
  const options = useMemo(() => (selected ? datapathOptions(graph, selected, {
    cefFields: ctx.cefFields, inputs, actionOutputs: (a) => ctx.actions.filter((x) => x.action === a).flatMap((x) => x.outputs),
    playbookOutputs: (pb) => ctx.playbookOutputs[pb] ?? Object.entries(ctx.playbookOutputs).find(([k]) => k.endsWith(`/${pb}`))?.[1] ?? [],
  }) : []), [graph, selected, ctx, inputs]);
  // The side panel's forms and problem list, kept while a block is dragged: a drag frame changes
  // positions only, and re-rendering the forms (datapath pickers, CodeMirror) on every frame of a
  // drag in a 200-block playbook cost frames.
  const block = node?.data.block;
  const blockTab = useMemo(() => (node && block
    ? <BlockPanel key={node.id} id={node.id} block={block} set={(b) => setBlock(node.id, b)} options={options} ctx={ctx} problems={marks.problems.get(node.id) ?? []} readOnly={readOnly}
        onDelete={() => { h.update((d) => ({ nodes: d.nodes.filter((n) => n.id !== node.id), edges: d.edges.filter((e) => e.source !== node.id && e.target !== node.id) })); setSelected(null); }} />
    : <SettingsPanel meta={meta} set={setMeta} readOnly={readOnly} isNew={s.id === null} />
  ), [node?.id, block, options, ctx, marks.problems, readOnly, meta, s.id]); // eslint-disable-line react-hooks/exhaustive-deps
  const problemsPanel = useMemo(() => (
    <ProblemsPanel problems={problems} names={names} onPick={(id) => { setSelected(id); setTab("block"); h.update((d) => ({ ...d, nodes: d.nodes.map((n) => ({ ...n, selected: n.id === id })) }), false); }} />
  ), [problems, names]); // eslint-disable-line react-hooks/exhaustive-deps
  const why = s.id === null ? "Save the playbook first." : dirty ? "Save your changes first: the debugger runs the saved version." : errors ? "Fix the errors first." : null;
  const tabs: [Tab, string][] = [["block", node ? "Block" : "Playbook"], ["versions", "Versions"], ["debug", "Debug"]];

  return (
    <MarksContext.Provider value={marks}>
      <div className="flex h-[calc(100vh-5.5rem)] flex-col overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <Toolbar
          title={meta.name || "New playbook"} version={s.version} dirty={dirty} readOnly={readOnly} canUndo={h.canUndo} canRedo={h.canRedo}
          undo={h.undo} redo={h.redo} layout={layout} fit={keys.fit} message={message} setMessage={setMessage} save={save} pending={s.pending}
          saved={s.id !== null} active={s.active} errors={errors} setActive={s.setActivation} conflict={s.conflict}
        />
        <div className="flex min-h-0 flex-1">
          {!readOnly && <Palette onAdd={(t) => addBlock(t)} disabled={readOnly} />}
          <div className="min-w-0 flex-1">
            <Canvas doc={h.doc} update={h.update} checkpoint={h.checkpoint} onAdd={addBlock} onSelect={setSelected} readOnly={readOnly} dark={dark} />
          </div>
          <SidePanel tabs={tabs} tab={tab} setTab={setTab}>
            {tab === "block" && blockTab}
            {tab === "versions" && <VersionsPanel versions={versions} current={s.version} comparing={comparing?.version ?? null} diff={diff} onCompare={compare} onRevert={s.revert} canWrite={!readOnly} />}
            {tab === "debug" && (
              <DebugPanel ctx={ctx} containerId={containerId} setContainerId={setContainerId} onRun={debug} canRun={canRun && !why && !starting && !pastRun} why={pastRun ? "A past run, read-only." : why}
                run={run.data} error={runError ?? (run.error ? run.error.message : null)} blockId={selected} blockName={selected ? names[selected] ?? null : null} />
            )}
            {problemsPanel}
          </SidePanel>
        </div>
      </div>
    </MarksContext.Provider>
  );
}

export function PlaybookEditor(props: Props) {
  return <ReactFlowProvider><EditorInner {...props} /></ReactFlowProvider>;
}
