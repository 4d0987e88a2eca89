import { describe, expect, it } from "vitest";
import type { Graph } from "@/lib/schemas/playbooks";
import { fromGraph, sameDoc, toGraph } from "./convert";
import { datapathOptions } from "./datapath-options";
import { diffGraphs } from "./diff";

const base: Graph = {
  nodes: {
    "0": { id: "0", type: "start", data: { type: "start", name: "start" }, x: 0, y: 0 },
    "1": { id: "1", type: "end", data: { type: "end", name: "end" }, x: 900, y: 0 },
    "2": { id: "2", type: "action", data: { type: "action", name: "geo", action: "geolocate ip", assets: ["mm"], parameters: { ip: "artifact:*.cef.sourceAddress" } }, x: 200, y: 0 },
    "3": { id: "3", type: "filter", data: { type: "filter", name: "far", conditions: [{ logic: "and", comparisons: [{ param: "geo:action_result.data.*.country_name", op: "!=", value: "France" }] }] }, x: 400, y: 0 },
    "4": { id: "4", type: "format", data: { type: "format", name: "msg", template: "{0}", parameters: ["container:name"] }, x: 600, y: 0 },
  },
  edges: [{ id: "a", source: "0", target: "2" }, { id: "b", source: "2", target: "3" }, { id: "c", source: "3", target: "4", conditions: [{ index: 0 }] }, { id: "d", source: "4", target: "1" }],
};

describe("editor model", () => {
  it("turns a graph into ReactFlow nodes and edges and back, branch handles included", () => {
    const doc = fromGraph(base);
    expect(doc.edges.find((e) => e.id === "c")?.sourceHandle).toBe("c0");
    expect(toGraph(doc)).toEqual(base);
  });

  it("diffs two versions by block: added, removed, changed settings or connections, not moves", () => {
    const after = structuredClone(base);
    after.nodes["2"]!.x = 999;
    delete after.nodes["4"];
    after.nodes["5"] = { id: "5", type: "end", data: { type: "end", name: "end2" } };
    (after.nodes["3"]!.data as { conditions: { comparisons: { value: string }[] }[] }).conditions[0]!.comparisons[0]!.value = "Spain";
    after.edges = after.edges.filter((e) => e.id !== "c" && e.id !== "d").concat({ id: "x", source: "3", target: "1", conditions: [{ index: 0 }] });
    expect(diffGraphs(base, after)).toEqual({ blocks: { "1": "changed", "3": "changed", "4": "removed", "5": "added" }, edgesAdded: 1, edgesRemoved: 2 });
    expect(diffGraphs(base, base)).toEqual({ blocks: {}, edgesAdded: 0, edgesRemoved: 0 });
  });

  it("offers only what upstream blocks produce", () => {
    const ctx = { cefFields: ["sourceAddress"], inputs: [], actionOutputs: (a: string) => (a === "geolocate ip" ? ["action_result.data.*.country_name"] : []) };
    const atFormat = datapathOptions(base, "4", ctx).map((o) => o.value);
    expect(atFormat).toContain("geo:action_result.data.*.country_name");
    expect(atFormat).toContain("geo:action_result.parameter.ip");
    expect(atFormat).toContain("filtered-data:far:condition_1:geo:action_result.data.*.country_name");
    expect(atFormat).not.toContain("msg:formatted_data");
    const atAction = datapathOptions(base, "2", ctx).map((o) => o.value);
    expect(atAction.some((v) => v.startsWith("geo:") || v.startsWith("filtered-data:"))).toBe(false);
    expect(atAction).toContain("artifact:*.cef.sourceAddress");
  });

  it("offers a child playbook block's outputs from the child's output spec, downstream only", () => {
    const g = structuredClone(base);
    g.nodes["6"] = { id: "6", type: "playbook", data: { type: "playbook", name: "enrich", playbook: "local/enrich ip", synchronous: true, inputs: {} } };
    g.edges = g.edges.filter((e) => e.id !== "a").concat({ id: "p1", source: "0", target: "6" }, { id: "p2", source: "6", target: "2" });
    const outputs: Record<string, string[]> = { "local/enrich ip": ["verdict", "score"] };
    const ctx = { cefFields: [], inputs: [], actionOutputs: () => [], playbookOutputs: (pb: string) => outputs[pb] ?? [] };
    const atFormat = datapathOptions(g, "4", ctx).map((o) => o.value);
    expect(atFormat).toContain("enrich:playbook_output:verdict");
    expect(atFormat).toContain("enrich:playbook_output:score");
    expect(datapathOptions(g, "6", ctx).map((o) => o.value).some((v) => v.includes("playbook_output"))).toBe(false);
  });

  it("tells a document that saves differently from one that only moved by less than a pixel or was selected", () => {
    const doc = fromGraph(base);
    const touched = { ...doc, nodes: doc.nodes.map((n, i) => (i === 0 ? { ...n, selected: true, position: { x: n.position.x + 0.2, y: n.position.y } } : n)) };
    expect(sameDoc(doc, touched)).toBe(true);
    const moved = { ...doc, nodes: doc.nodes.map((n, i) => (i === 0 ? { ...n, position: { x: n.position.x + 5, y: n.position.y } } : n)) };
    expect(sameDoc(doc, moved)).toBe(false);
    const edited = { ...doc, nodes: doc.nodes.map((n) => (n.id === "4" ? { ...n, data: { block: { ...n.data.block, template: "x" } } } : n)) };
    expect(sameDoc(doc, edited)).toBe(false);
    const editedBack = { ...edited, nodes: edited.nodes.map((n) => (n.id === "4" ? { ...n, data: { block: { ...n.data.block, template: "{0}" } } } : n)) };
    expect(sameDoc(doc, editedBack)).toBe(true);
    expect(sameDoc(doc, { ...doc, edges: doc.edges.slice(1) })).toBe(false);
  });
});
