// Vigil's graph JSON <-> ReactFlow's nodes and edges. A filter or decision has one source handle
// per condition (`c<i>`); an edge leaving one names that condition (`conditions: [{index: i}]`).
import type { Edge, Node } from "@xyflow/react";
import type { Graph, NodeData } from "@/lib/schemas/playbooks";

export type BlockNode = Node<{ block: NodeData }>;
export interface Doc { nodes: BlockNode[]; edges: Edge[] }

export const handleOf = (index: number | undefined | null) => (index === undefined || index === null ? null : `c${index}`);
const indexOf = (handle: string | null | undefined) => (handle && /^c\d+$/.test(handle) ? Number(handle.slice(1)) : null);

export function fromGraph(graph: Graph): Doc {
  const nodes: BlockNode[] = Object.values(graph.nodes).map((n, i) => ({
    id: n.id, type: n.data.type, position: { x: n.x ?? (i % 6) * 260, y: n.y ?? Math.floor(i / 6) * 160 }, data: { block: n.data },
  }));
  const edges: Edge[] = graph.edges.map((e, i) => {
    const h = handleOf(e.conditions?.[0]?.index);
    return { id: e.id ?? `e${i}-${e.source}-${e.target}-${h ?? ""}`, source: e.source, target: e.target, sourceHandle: h };
  });
  return { nodes, edges };
}

export function toGraph(doc: Doc): Graph {
  return {
    nodes: Object.fromEntries(doc.nodes.map((n) => [n.id, { id: n.id, type: n.data.block.type, data: n.data.block, x: Math.round(n.position.x), y: Math.round(n.position.y) }])),
    edges: doc.edges.map((e) => {
      const i = indexOf(e.sourceHandle);
      return { id: e.id, source: e.source, target: e.target, ...(i !== null ? { conditions: [{ index: i }] } : {}) };
    }),
  };
}

/** A new playbook: start joined to end. */
export const EMPTY_GRAPH: Graph = {
  nodes: { "0": { id: "0", type: "start", data: { type: "start", name: "start" }, x: 0, y: 0 }, "1": { id: "1", type: "end", data: { type: "end", name: "end" }, x: 520, y: 0 } },
  edges: [{ id: "e-0-1", source: "0", target: "1" }],
};

/** The next free numeric node id. */
export function nextId(doc: Doc): string {
  return String(doc.nodes.reduce((m, n) => Math.max(m, Number(n.id) || 0), 1) + 1);
}

/**
 * Whether two documents save the same (settings, connections, positions to the pixel), ignoring
 * selection and measured sizes. Runs on every frame of a drag, so it allocates nothing for
 * blocks whose settings are the same object (an edit replaces the object; only those are
 * compared by content, so editing a field back to what was saved is not a change).
 */
export function sameDoc(a: Doc, b: Doc): boolean {
  if (a === b) return true;
  if (a.nodes.length !== b.nodes.length || a.edges.length !== b.edges.length) return false;
  for (let i = 0; i < a.nodes.length; i++) {
    const x = a.nodes[i]!, y = b.nodes[i]!;
    if (x.id !== y.id || Math.round(x.position.x) !== Math.round(y.position.x) || Math.round(x.position.y) !== Math.round(y.position.y)) return false;
    if (x.data.block !== y.data.block && JSON.stringify(x.data.block) !== JSON.stringify(y.data.block)) return false;
  }
  for (let i = 0; i < a.edges.length; i++) {
    const x = a.edges[i]!, y = b.edges[i]!;
    if (x.source !== y.source || x.target !== y.target || (x.sourceHandle ?? null) !== (y.sourceHandle ?? null)) return false;
  }
  return true;
}
