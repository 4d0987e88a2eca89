import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { blockFunction, pythonFunctions } from "./python-functions";

describe("pythonFunctions", () => {
  it("cuts each top-level function out of a module, up to the next top-level statement", () => {
    const code = 'import phantom\n\n@phantom.playbook_block()\ndef on_start(container):\n    t = """Name: {0}\n\nURL: {1}"""\n    return\n\n# note\ndef b(x=None,\n      y=None):\n    pass\n\nX = 1\n';
    expect(pythonFunctions(code)).toEqual({ on_start: 'def on_start(container):\n    t = """Name: {0}\n\nURL: {1}"""\n    return', b: "def b(x=None,\n      y=None):\n    pass" });
  });

  it("finds every block's function in each of the 60 SOAR fixtures", () => {
    const dir = path.join(process.cwd(), "../shared/fixtures/soar-playbooks");
    const names = readdirSync(dir).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5));
    expect(names).toHaveLength(60);
    for (const name of names) {
      const fns = pythonFunctions(readFileSync(path.join(dir, `${name}.py`), "utf8"));
      const nodes = Object.values((JSON.parse(readFileSync(path.join(dir, `${name}.json`), "utf8")) as { coa: { data: { nodes: Record<string, { data: { functionName: string } }> } } }).coa.data.nodes);
      // A child playbook block's function is SOAR's functionName lower-cased.
      for (const n of nodes) expect(blockFunction(fns, n.data.functionName), `${name}: ${n.data.functionName}`).toMatch(new RegExp(`^def ${n.data.functionName}\\(`, "i"));
    }
    const merge = pythonFunctions(readFileSync(path.join(dir, "risk_notable_merge_events.py"), "utf8"));
    expect(merge.process_responses).toContain("process_responses__should_merge = False");
  });
});
