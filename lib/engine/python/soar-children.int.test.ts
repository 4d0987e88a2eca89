// One engine, both kinds of playbook: a SOAR Python playbook calls a graph playbook as a child and
// reads its outputs, a graph playbook calls a SOAR Python playbook as a child, and a graph
// playbook's custom function block runs a SOAR (Python) custom function.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { playbookRunLog } from "../../domain/playbooks";
import { importSoarCustomFunction } from "../../domain/soar-import";
import { actor, container, graph, playbook, runToEnd, uniq } from "../testing/helpers";
import { withPythonEngine } from "../testing/python-engine";

withPythonEngine("soar-children");

const log = async (runId: number) => (await playbookRunLog(runId)).map((l) => l.message);

describe("child playbooks across kinds", () => {
  it("a SOAR Python playbook runs a graph playbook as a child and reads its output in the callback", async () => {
    const child = `graph_child_${uniq()}`;
    await playbook(graph({
      "0": { type: "start" },
      "2": { type: "format", name: "echo", template: "seen {0}", parameters: ["playbook_input:ip"] },
      "1": { type: "end" },
    }, ["0>2", "2>1"]), { name: child, type: "input", input_spec: [{ name: "ip" }], output_spec: [{ name: "echo", datapaths: ["echo:formatted_data"] }] });
    const parent = await playbook(null, { name: `py_parent_${uniq()}`, language: "python", code: `
import phantom.rules as phantom

def on_start(container):
    phantom.playbook("local/${child}", container=container, name="graph_child", inputs={"ip": ["192.0.2.5"]}, callback=child_done)

def child_done(action=None, success=None, container=None, results=None, handle=None, **kwargs):
    echo = phantom.collect2(container=container, datapath=["graph_child:playbook_output:echo"])
    phantom.debug(f"child: {success} {echo}")
    phantom.save_playbook_output_data(output={"echo": [row[0] for row in echo]})
`, output_spec: [{ name: "echo" }] });
    const run = await runToEnd(parent, await container([]), { timeLimitSeconds: 120 });
    expect([run.status, run.message], (await log(run.id)).join("\n")).toEqual(["success", "playbook run succeeded"]);
    expect(await log(run.id)).toContain("child: True [['seen 192.0.2.5']]");
    expect(run.outputs).toEqual({ echo: ["seen 192.0.2.5"] });
    const childRun = await db.playbookRun.findFirstOrThrow({ where: { parentRunId: run.id } });
    expect(childRun.status).toBe("success");
  }, 180_000);

  it("a graph playbook runs a SOAR Python playbook as a child, synchronously, and outputs what the child saved", async () => {
    const child = `py_child_${uniq()}`;
    await playbook(null, { name: child, language: "python", type: "input", input_spec: [{ name: "ip" }], output_spec: [{ name: "tagged" }], code: `
import phantom.rules as phantom

def on_start(container):
    ips = [row[0] for row in phantom.collect2(container=container, datapath=["playbook_input:ip"])]
    phantom.debug(f"python child got {ips}")
    phantom.save_playbook_output_data(output={"tagged": [f"checked:{ip}" for ip in ips]})
` });
    const parent = await playbook(graph({
      "0": { type: "start" },
      "2": { type: "playbook", name: "call_python", playbook: `local/${child}`, synchronous: true, inputs: { ip: { datapaths: ["artifact:*.cef.sourceAddress"] } } },
      "1": { type: "end" },
    }, ["0>2", "2>1"]), { name: `graph_parent_${uniq()}`, output_spec: [{ name: "from_child", datapaths: ["call_python:playbook_output:tagged"] }] });
    const run = await runToEnd(parent, await container([{ sourceAddress: "198.51.100.1" }, { sourceAddress: "198.51.100.2" }]), { timeLimitSeconds: 120 });
    expect([run.status, run.message]).toEqual(["success", "playbook run succeeded"]);
    expect(run.outputs).toEqual({ from_child: ["checked:198.51.100.1", "checked:198.51.100.2"] });
    const childRun = await db.playbookRun.findFirstOrThrow({ where: { parentRunId: run.id } });
    expect(await log(childRun.id)).toContain("python child got ['198.51.100.1', '198.51.100.2']");
  }, 180_000);

  it("a graph playbook's custom function block runs a SOAR Python custom function, once per row", async () => {
    const repo = `cf_${uniq().replace(/-/g, "")}`;
    const dir = path.resolve(process.cwd(), "../shared/fixtures/soar-custom-functions");
    const files = (n: string) => ({ name: n, json: readFileSync(path.join(dir, `${n}.json`)), py: readFileSync(path.join(dir, `${n}.py`)) });
    await importSoarCustomFunction(files("string_to_uppercase"), { repo }, actor);
    const pb = await playbook(graph({
      "0": { type: "start" },
      "2": { type: "custom_function", name: "upper", customFunction: `${repo}/string_to_uppercase`, parameters: { input_string: "artifact:*.cef.sourceUserName" } },
      "1": { type: "end" },
    }, ["0>2", "2>1"]), { name: `graph_cf_${uniq()}`, output_spec: [{ name: "names", datapaths: ["upper:custom_function_result.data.uppercase_string"] }] });
    const run = await runToEnd(pb, await container([{ sourceUserName: "alice" }, { sourceUserName: "bob" }]), { timeLimitSeconds: 120 });
    expect([run.status, run.message]).toEqual(["success", "playbook run succeeded"]);
    expect(run.outputs).toEqual({ names: ["ALICE", "BOB"] });
  }, 180_000);
});
