// Auto-layout with dagre: left to right, blocks in rank order, branches spread vertically.
import dagre from "@dagrejs/dagre";
import type { Doc } from "./convert";

export const BLOCK_W = 220, BLOCK_H = 84;

export function autoLayout(doc: Doc): Doc {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "LR", nodesep: 40, ranksep: 80 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of doc.nodes) g.setNode(n.id, { width: n.measured?.width ?? BLOCK_W, height: n.measured?.height ?? BLOCK_H });
  for (const e of doc.edges) g.setEdge(e.source, e.target);
  dagre.layout(g);
  return {
    ...doc,
    nodes: doc.nodes.map((n) => {
      const p = g.node(n.id);
      return { ...n, position: { x: p.x - p.width / 2, y: p.y - p.height / 2 } };
    }),
  };
}
