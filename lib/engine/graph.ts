// A graph playbook compiled for the interpreter: blocks by id with their names, successors (with
// the filter/decision branch they follow) and the predecessors a join waits for.
import type { Graph, NodeData } from "../schemas/playbooks";

export interface Block {
  id: string;
  /** The functionName datapaths use, lower-case. */
  name: string;
  data: NodeData;
  next: { target: string; branch: number | null }[];
  /** Predecessors this block waits for before it runs (a join), minus the not-required ones. */
  requires: string[];
}
export interface CompiledGraph { start: string; blocks: Map<string, Block>; byName: Map<string, Block> }

export class GraphError extends Error {}

export function compileGraph(graph: Graph): CompiledGraph {
  const blocks = new Map<string, Block>();
  const byName = new Map<string, Block>();
  let start: string | null = null;
  for (const [id, node] of Object.entries(graph.nodes)) {
    if (node.id !== id) throw new GraphError(`node "${id}" has id "${node.id}"; a node's id must be its key`);
    const name = (node.data.name ?? `${node.data.type}_${id}`).toLowerCase();
    if (byName.has(name)) throw new GraphError(`two blocks are named "${name}"`);
    const block: Block = { id, name, data: node.data, next: [], requires: [] };
    blocks.set(id, block);
    byName.set(name, block);
    if (node.data.type === "start") {
      if (start !== null) throw new GraphError("a playbook has one start block");
      start = id;
    }
  }
  if (start === null) throw new GraphError("a playbook needs a start block");
  const preds = new Map<string, Set<string>>();
  for (const e of graph.edges) {
    const from = blocks.get(e.source), to = blocks.get(e.target);
    if (!from || !to) throw new GraphError(`edge ${e.source} -> ${e.target} names a block that does not exist`);
    const branch = e.conditions?.[0]?.index ?? null;
    if (branch !== null && from.data.type !== "filter" && from.data.type !== "decision") throw new GraphError(`edge ${e.source} -> ${e.target}: only filters and decisions branch on conditions`);
    if (branch !== null && "conditions" in from.data && branch >= from.data.conditions.length) throw new GraphError(`edge ${e.source} -> ${e.target} follows condition ${branch} of a block with ${from.data.conditions.length}`);
    from.next.push({ target: e.target, branch });
    const p = preds.get(e.target) ?? new Set<string>();
    p.add(e.source);
    preds.set(e.target, p);
  }
  for (const b of blocks.values()) {
    const notRequired = new Set(b.data.notRequiredJoins ?? []);
    // Edges into the end block generate no call in SOAR: the run ends when nothing is pending.
    if (b.data.type === "end") continue;
    b.requires = [...(preds.get(b.id) ?? [])].filter((p) => !notRequired.has(p) && !notRequired.has(blocks.get(p)!.name));
  }
  return { start, blocks, byName };
}
