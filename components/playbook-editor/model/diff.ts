// The visual diff between two versions: blocks added, removed and changed (settings or
// connections), by block id, so a moved block is not "changed".
import type { Graph } from "@/lib/schemas/playbooks";

export type Change = "added" | "removed" | "changed";
export interface GraphDiff { blocks: Record<string, Change>; edgesAdded: number; edgesRemoved: number }

const edgeKey = (e: Graph["edges"][number]) => `${e.source}>${e.target}#${e.conditions?.[0]?.index ?? ""}`;
const stable = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));

export function diffGraphs(before: Graph, after: Graph): GraphDiff {
  const blocks: Record<string, Change> = {};
  const ea = new Set(before.edges.map(edgeKey)), eb = new Set(after.edges.map(edgeKey));
  const touched = new Set([...ea, ...eb].filter((k) => ea.has(k) !== eb.has(k)).flatMap((k) => [k.split(">")[0]!, k.split(">")[1]!.split("#")[0]!]));
  for (const id of new Set([...Object.keys(before.nodes), ...Object.keys(after.nodes)])) {
    const a = before.nodes[id], b = after.nodes[id];
    if (!a) blocks[id] = "added";
    else if (!b) blocks[id] = "removed";
    else if (stable(a.data) !== stable(b.data) || touched.has(id)) blocks[id] = "changed";
  }
  return { blocks, edgesAdded: [...eb].filter((k) => !ea.has(k)).length, edgesRemoved: [...ea].filter((k) => !eb.has(k)).length };
}
