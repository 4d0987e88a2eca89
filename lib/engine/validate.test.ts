import { describe, expect, it } from "vitest";
import { graphSchema } from "../schemas/playbooks";
import { compileGraph } from "./graph";
import { hasErrors, validateGraph, type ActionSpec } from "./validate";

type E = { source: string; target: string; conditions?: { index: number }[] };
const g = (nodes: Record<string, Record<string, unknown>>, edges: (string | E)[]) =>
  graphSchema.parse({
    nodes: Object.fromEntries(Object.entries(nodes).map(([id, data]) => [id, { id, type: data.type, data }])),
    edges: edges.map((e) => (typeof e === "string" ? { source: e.split(">")[0]!, target: e.split(">")[1]! } : e)),
  });
const start = { type: "start" }, end = { type: "end" };
const actions = new Map<string, ActionSpec>([["geolocate ip", { parameters: [{ name: "ip", required: true }, { name: "lang", required: false }] }]]);
const messages = (graph: ReturnType<typeof g>, ctx = {}) => validateGraph(graph, ctx).map((p) => `${p.blockId ?? "-"}: ${p.message}`);

describe("validateGraph", () => {
  it("passes a well-formed playbook whose datapaths read upstream blocks", () => {
    const graph = g({
      "0": start, "1": end,
      "2": { type: "action", name: "geo", action: "geolocate ip", assets: ["maxmind"], parameters: { ip: "artifact:*.cef.sourceAddress" } },
      "3": { type: "filter", name: "far", conditions: [{ comparisons: [{ param: "geo:action_result.data.*.country_name", op: "!=", value: "France" }] }] },
      "4": { type: "format", name: "msg", template: "{0} is in {1}", parameters: ["filtered-data:far:condition_1:geo:action_result.parameter.ip", "filtered-data:far:condition_1:geo:action_result.data.*.country_name"] },
      "5": { type: "utility", name: "note", utility: "add_note", values: { title: "Geo", content: "msg:formatted_data" } },
    }, ["0>2", "2>3", { source: "3", target: "4", conditions: [{ index: 0 }] }, "4>5", "5>1"]);
    expect(messages(graph, { actions })).toEqual([]);
    expect(() => compileGraph(graph)).not.toThrow();
  });

  it("finds unreachable blocks, blocks with no way to the end, and cycles", () => {
    const graph = g({ "0": start, "1": end, "2": { type: "format", name: "a", template: "x" }, "3": { type: "format", name: "b", template: "y" }, "4": { type: "format", name: "lost", template: "z" } },
      ["0>2", "2>3", "3>2", "2>1", "4>1"]);
    expect(messages(graph)).toEqual([
      "2: this block is on a cycle: the run would wait for itself",
      "3: this block is on a cycle: the run would wait for itself",
      "4: the start block never reaches this block",
    ]);
    const dead = g({ "0": start, "1": end, "2": { type: "format", name: "a", template: "x" } }, ["0>2"]);
    expect(messages(dead)).toEqual(["0: no path leads from this block to the end", "1: the start block never reaches this block", "2: no path leads from this block to the end"]);
    expect(messages(g({ "2": { type: "format", name: "a", template: "x" } }, []))).toEqual(["-: the playbook needs a start block", "-: the playbook needs an end block"]);
  });

  it("names missing required parameters and settings, using the installed actions when given", () => {
    const graph = g({
      "0": start, "1": end,
      "2": { type: "action", name: "geo", action: "geolocate ip", assets: [], parameters: { lang: "en" } },
      "3": { type: "action", name: "other", action: "", assets: [] },
      "4": { type: "utility", name: "note", utility: "add_note", values: { content: "x" } },
      "5": { type: "format", name: "f", template: "{0} and {1}", parameters: ["container:name"] },
      "6": { type: "prompt", name: "ask", approver: { role: "" }, message: "" },
    }, ["0>2", "2>3", "3>4", "4>5", "5>6", "6>1"]);
    expect(messages(graph, { actions })).toEqual([
      '2: choose an asset for "geolocate ip"', '2: "geolocate ip" needs the parameter "ip"', "3: choose an action",
      '4: add note needs a value for "title"', "5: the template uses {1} but the block has 1 parameter(s)",
      "6: the prompt has no message", "6: the prompt has no recipient",
    ]);
    // Without the catalogue only what the graph itself says is checked.
    expect(messages(graph).filter((m) => m.startsWith("2:"))).toEqual(['2: choose an asset for "geolocate ip"']);
    const unknown = g({ "0": start, "1": end, "2": { type: "action", name: "x", action: "block ip", assets: ["fw"] } }, ["0>2", "2>1"]);
    expect(validateGraph(unknown, { actions })).toEqual([{ blockId: "2", severity: "warning", message: 'no enabled app offers the action "block ip"' }]);
    expect(hasErrors(validateGraph(unknown, { actions }))).toBe(false);
  });

  it("flags datapaths that point at nothing upstream, at the wrong kind of block, or at a missing input", () => {
    const graph = g({
      "0": start, "1": end,
      "2": { type: "format", name: "early", template: "{0} {1} {2}", parameters: ["later:formatted_data", "ghost:action_result.status", "playbook_input:ips"] },
      "3": { type: "format", name: "later", template: "{0} {1}", parameters: ["early:action_result.status", "filtered-data:early:condition_1:artifact:*.cef.x"] },
    }, ["0>2", "2>3", "3>1"]);
    expect(messages(graph, { inputs: ["hosts"] })).toEqual([
      '2: parameter {0}: "later:formatted_data" reads block "later", which does not run before this block',
      '2: parameter {1}: "ghost:action_result.status" names block "ghost", which does not exist',
      '2: parameter {2}: the playbook has no input "ips"',
      '3: parameter {0}: "early:action_result.status" reads action result of block "early", a format block',
      '3: parameter {1}: "filtered-data:early:condition_1:artifact:*.cef.x" reads filtered data of block "early", a format block',
    ]);
  });

  it("requires every condition of a filter or decision to lead somewhere", () => {
    const d = { type: "decision", name: "d", conditions: [{ comparisons: [{ param: "container:severity", op: "==", value: "high" }] }, { type: "else", comparisons: [] }] };
    const half = g({ "0": start, "1": end, "2": d }, ["0>2", { source: "2", target: "1", conditions: [{ index: 0 }] }]);
    expect(messages(half)).toEqual(["2: condition 2 is not connected to a block"]);
    const both = g({ "0": start, "1": end, "2": d }, ["0>2", { source: "2", target: "1", conditions: [{ index: 0 }] }, { source: "2", target: "1", conditions: [{ index: 1 }] }]);
    expect(messages(both)).toEqual([]);
    const empty = g({ "0": start, "1": end, "2": { type: "filter", name: "f", conditions: [{ comparisons: [{ param: "", op: "==", value: "x" }] }] } }, ["0>2", "2>1"]);
    expect(messages(empty)).toEqual(["2: condition 1, comparison 1 compares nothing"]);
  });

  it("reports what compileGraph refuses, per block", () => {
    const graph = g({ "0": start, "5": { type: "start" }, "1": end, "2": { type: "format", name: "X", template: "a" }, "3": { type: "format", name: "x", template: "b" } },
      ["0>2", "2>3", "3>1", "1>2", { source: "2", target: "3", conditions: [{ index: 0 }] }]);
    const m = messages(graph);
    expect(m).toContain("5: a playbook has one start block");
    expect(m).toContain('3: two blocks are named "x"');
    expect(m).toContain("2: only filters and decisions branch on conditions");
    expect(m).toContain("1: the end block leads nowhere: remove its outgoing connection");
  });
});
