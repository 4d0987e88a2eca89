import { describe, expect, it } from "vitest";
import { graphSchema, playbookSchema } from "../schemas/playbooks";
import { compileGraph } from "./graph";
import { runTurn } from "./interpreter";
import { freshState } from "./types";

const g = (nodes: Record<string, Record<string, unknown>>, edges: { source: string; target: string; conditions?: { index: number }[] }[]) =>
  graphSchema.parse({ nodes: Object.fromEntries(Object.entries(nodes).map(([id, data]) => [id, { id, type: data.type, data }])), edges });

describe("graph", () => {
  it("refuses graphs the interpreter cannot run, with the reason", () => {
    expect(() => compileGraph(g({ "1": { type: "end" } }, []))).toThrow("a playbook needs a start block");
    expect(() => compileGraph(g({ "0": { type: "start" }, "1": { type: "start" } }, []))).toThrow("a playbook has one start block");
    expect(() => compileGraph(g({ "0": { type: "start" } }, [{ source: "0", target: "9" }]))).toThrow("edge 0 -> 9 names a block that does not exist");
    expect(() => compileGraph(g({ "0": { type: "start" }, "1": { type: "end" } }, [{ source: "0", target: "1", conditions: [{ index: 0 }] }]))).toThrow(/only filters and decisions branch/);
    expect(() => compileGraph(g({ "0": { type: "start", name: "x" }, "1": { type: "end", name: "X" } }, []))).toThrow('two blocks are named "x"');
    expect(playbookSchema.safeParse({ name: "p" }).error?.issues[0]?.message).toBe("a playbook has either a graph or code");
    expect(graphSchema.safeParse({ nodes: { "0": { id: "0", type: "filter", data: { type: "filter", conditions: [{ comparisons: [{ param: "a", op: "~", value: 1 }] }] } } }, edges: [] }).success).toBe(false);
  });

  it("waits at a join for its required predecessors and records the blocks that ran", async () => {
    const graph = compileGraph(g({
      "0": { type: "start" }, "2": { type: "format", name: "a", template: "a" }, "3": { type: "prompt", name: "ask", approver: { role: "analyst" }, message: "?" },
      "4": { type: "format", name: "joined", template: "{0}", parameters: ["a:formatted_data"] }, "1": { type: "end" },
    }, [{ source: "0", target: "2" }, { source: "0", target: "3" }, { source: "2", target: "4" }, { source: "3", target: "4" }, { source: "4", target: "1" }]));
    const input = { graph, outputSpec: [], customFunctions: new Map(), actionsAvailable: false, data: { container: { id: 1 }, artifacts: [], inputs: {}, lists: {} } };
    const first = await runTurn({ ...input, state: freshState(graph.start), completions: [] });
    expect(first.finished).toBeNull();
    expect(first.state.waiting).toEqual(["3"]);
    expect(first.steps.map((s) => s.blockName)).toEqual(["start_0", "a"]);
    expect(first.callbacks).toMatchObject([{ blockId: "3", kind: "prompt", detail: { approver: { role: "analyst" }, message: "?" } }]);
    const second = await runTurn({ ...input, state: first.state, completions: [{ blockId: "3", kind: "prompt", result: { status: "success", results: [] } }] });
    expect(second.steps.map((s) => s.blockName)).toEqual(["ask", "joined", "end_1"]);
    expect(second.state.outputs.joined).toEqual({ kind: "format", text: "a", list: ["a"] });
    expect(second.finished).toMatchObject({ status: "success" });
  });
});
