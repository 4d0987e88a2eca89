"use client";
// Copy and paste of blocks through localStorage, so blocks copied in one playbook paste into
// another (even in another tab). Pasted blocks get new ids and free names, connections between
// them come along, and they land offset from where they were.
import type { Edge } from "@xyflow/react";
import type { BlockNode, Doc } from "./model/convert";
import { nextId } from "./model/convert";

const KEY = "vigil.playbook-clipboard";

export function copyBlocks(doc: Doc): number {
  const nodes = doc.nodes.filter((n) => n.selected && n.data.block.type !== "start");
  if (nodes.length === 0) return 0;
  const ids = new Set(nodes.map((n) => n.id));
  const edges = doc.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  localStorage.setItem(KEY, JSON.stringify({ nodes: nodes.map(({ id, type, position, data }) => ({ id, type, position, data })), edges }));
  return nodes.length;
}

export function pasteBlocks(doc: Doc): Doc | null {
  let clip: { nodes: BlockNode[]; edges: Edge[] };
  try {
    clip = JSON.parse(localStorage.getItem(KEY) ?? "null") as typeof clip;
  } catch {
    return null;
  }
  if (!clip?.nodes?.length) return null;
  const taken = new Set(doc.nodes.map((n) => n.data.block.name ?? ""));
  let id = Number(nextId(doc));
  const map = new Map<string, string>();
  const nodes = clip.nodes.map((n): BlockNode => {
    const nid = String(id++);
    map.set(n.id, nid);
    let name = n.data.block.name ?? `${n.data.block.type}_${nid}`;
    for (let k = 2; taken.has(name); k++) name = `${n.data.block.name ?? n.data.block.type}_${k}`;
    taken.add(name);
    return { ...n, id: nid, selected: true, position: { x: n.position.x + 40, y: n.position.y + 40 }, data: { block: { ...n.data.block, name } } };
  });
  const edges = clip.edges.map((e) => ({ ...e, id: `e-${map.get(e.source)}-${e.sourceHandle ?? ""}-${map.get(e.target)}`, source: map.get(e.source)!, target: map.get(e.target)! }));
  return { nodes: [...doc.nodes.map((n) => ({ ...n, selected: false })), ...nodes], edges: [...doc.edges, ...edges] };
}
