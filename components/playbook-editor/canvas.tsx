"use client";
// The ReactFlow canvas: blocks and connections from the document, drops from the palette, the
// minimap and zoom controls. Every change goes through the history (see use-doc-history.ts).
import {
  addEdge, applyEdgeChanges, applyNodeChanges, Background, Controls, MiniMap, ReactFlow, useReactFlow,
  type Connection, type EdgeChange, type FitViewOptions, type NodeChange,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useCallback, useContext, type DragEvent } from "react";
import type { BlockType } from "./model/blocks";
import type { BlockNode, Doc } from "./model/convert";
import { NODE_TYPES } from "./nodes";
import { MarksContext } from "./nodes/marks";

// The minimap shows the debugger's status too, so a long run's progress reads at a glance.
const STATUS_COLOR: Record<string, string> = { success: "#10b981", failed: "#ef4444", waiting: "#f59e0b", running: "#0ea5e9", queued: "#7dd3fc" };

export const DRAG_TYPE = "application/x-vigil-block";

interface Props {
  doc: Doc;
  update: (fn: (d: Doc) => Doc, record?: boolean) => void;
  checkpoint: () => void;
  onAdd: (type: BlockType, at: { x: number; y: number }) => void;
  onSelect: (id: string | null) => void;
  readOnly: boolean;
  dark: boolean;
  /** Where the first view is: all blocks unless given (a large read-only graph opens on its start). */
  fitViewOptions?: FitViewOptions;
}

export function Canvas({ doc, update, checkpoint, onAdd, onSelect, readOnly, dark, fitViewOptions }: Props) {
  const flow = useReactFlow();
  const { status } = useContext(MarksContext);
  const nodeColor = useCallback((n: BlockNode) => STATUS_COLOR[status[n.id] ?? ""] ?? (dark ? "#475569" : "#cbd5e1"), [status, dark]);
  const onNodesChange = useCallback((changes: NodeChange<BlockNode>[]) => {
    const record = changes.some((c) => c.type === "remove" || c.type === "add");
    update((d) => ({ ...d, nodes: applyNodeChanges(changes, d.nodes), ...(record ? { edges: d.edges.filter((e) => !changes.some((c) => c.type === "remove" && (c.id === e.source || c.id === e.target))) } : {}) }), record);
  }, [update]);
  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    update((d) => ({ ...d, edges: applyEdgeChanges(changes, d.edges) }), changes.some((c) => c.type === "remove"));
  }, [update]);
  const onConnect = useCallback((c: Connection) => {
    update((d) => ({ ...d, edges: addEdge({ ...c, id: `e-${c.source}-${c.sourceHandle ?? ""}-${c.target}` }, d.edges) }));
  }, [update]);
  const onDrop = useCallback((e: DragEvent) => {
    const type = e.dataTransfer.getData(DRAG_TYPE) as BlockType;
    if (!type || readOnly) return;
    e.preventDefault();
    onAdd(type, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
  }, [flow, onAdd, readOnly]);

  return (
    <ReactFlow
      aria-label="Playbook canvas"
      nodes={doc.nodes}
      edges={doc.edges}
      nodeTypes={NODE_TYPES}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={onConnect}
      onNodeDragStart={checkpoint}
      onSelectionChange={({ nodes }) => onSelect(nodes.length === 1 ? nodes[0]!.id : null)}
      onDrop={onDrop}
      onDragOver={(e) => { e.preventDefault(); e.dataTransfer.dropEffect = "move"; }}
      nodesDraggable={!readOnly}
      nodesConnectable={!readOnly}
      elementsSelectable
      deleteKeyCode={readOnly ? null : ["Backspace", "Delete"]}
      colorMode={dark ? "dark" : "light"}
      defaultEdgeOptions={{ type: "smoothstep" }}
      fitView
      fitViewOptions={fitViewOptions}
      minZoom={0.1}
      proOptions={{ hideAttribution: true }}
    >
      <Background />
      <MiniMap pannable zoomable ariaLabel="Minimap" nodeColor={nodeColor} />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}
