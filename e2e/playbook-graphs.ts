// Playbook graphs the editor's browser tests build: single blocks, and large grids of format blocks.
export type Nodes = Record<string, { id: string; type: string; data: Record<string, unknown>; x?: number; y?: number }>;
export const node = (id: string, data: Record<string, unknown>, x?: number, y?: number) => ({ id, type: String(data.type), data, ...(x !== undefined ? { x, y } : {}) });

/** start -> n format blocks (in `width` parallel chains) -> end, optionally placed on a grid. */
export function bigGraph(n: number, width: number, placed: boolean) {
  const nodes: Nodes = { "0": node("0", { type: "start", name: "start" }, ...(placed ? [0, 0] : [])), "1": node("1", { type: "end", name: "end" }, ...(placed ? [(n / width + 2) * 260, 0] : [])) };
  const edges: { source: string; target: string }[] = [];
  for (let i = 0; i < n; i++) {
    const id = String(i + 2), col = Math.floor(i / width), row = i % width;
    nodes[id] = node(id, { type: "format", name: `step_${i + 1}`, template: `step ${i + 1}: {0}`, parameters: ["container:name"] }, ...(placed ? [(col + 1) * 260, row * 130] : []));
    edges.push({ source: col === 0 ? "0" : String(i + 2 - width), target: id });
    if (i + width >= n) edges.push({ source: id, target: "1" });
  }
  return { nodes, edges };
}
