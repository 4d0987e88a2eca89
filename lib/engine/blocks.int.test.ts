// Block behaviour the other engine tests do not reach: a child playbook started without waiting,
// and prompts whose questions are a list of options or free text.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { answerPrompt, pendingPrompts, startPlaybookRun } from "../domain/playbooks";
import { Engine } from "./runner";
import { actor, container, graph, notes, playbook, runToEnd, uniq, waitRun } from "./testing/helpers";

let engine: Engine;
beforeAll(async () => {
  engine = new Engine(`engine-blocks-${process.pid}`, { pollMs: 100 });
  await engine.start();
});
afterAll(() => engine.stop());

const note = (title: string, content: string) => ({ type: "utility", utility: "add_note", values: { title, content } });

describe("child playbooks started without waiting", () => {
  it("run on their own with their inputs; the parent goes on and ends without their outputs", async () => {
    const c = await container([{ sourceAddress: "1.2.3.4" }, { sourceAddress: "5.6.7.8" }]);
    const childName = `async child ${uniq()}`;
    await playbook(graph({
      "0": { type: "start" },
      "2": { type: "format", name: "ips", template: "%%{0};%%", parameters: ["playbook_input:ip"] },
      "3": note("child", "ips:formatted_data"),
      "1": { type: "end" },
    }, ["0>2", "2>3", "3>1"]), { name: childName, type: "input", input_spec: [{ name: "ip" }], output_spec: [{ name: "seen", datapaths: ["ips:formatted_data"] }] });
    const parent = await playbook(graph({
      "0": { type: "start" },
      "2": { type: "playbook", name: "fire", playbook: `local/${childName}`, synchronous: false, inputs: { ip: { datapaths: ["artifact:*.cef.sourceAddress"] } } },
      "3": { type: "format", name: "after", template: "outputs: {0}", parameters: ["fire:playbook_output:seen"] },
      "4": note("parent", "after:formatted_data"),
      "1": { type: "end" },
    }, ["0>2", "2>3", "3>4", "4>1"]));
    const run = await runToEnd(parent, c);
    expect(run.status).toBe("success");
    // The parent did not wait: it formatted before the child ran, so it saw no outputs.
    expect((await notes(c)).find((n) => n.title === "parent")!.content).toBe("outputs: None");
    const child = await waitRun((await db.playbookRun.findFirstOrThrow({ where: { parentRunId: run.id } })).id);
    expect([child.status, child.inputs]).toEqual(["success", { ip: ["1.2.3.4", "5.6.7.8"] }]);
    expect(child.endedAt!.getTime()).toBeGreaterThanOrEqual(run.endedAt!.getTime());
    expect((await notes(c)).find((n) => n.title === "child")!.content).toBe("1.2.3.4;5.6.7.8;");
    expect(await db.playbookCallback.count({ where: { runId: run.id } })).toBe(0);
  });
});

describe("prompt questions", () => {
  it("take one of a list's options and free text, refuse an option not listed, and resume with the answers", async () => {
    const c = await container();
    const pb = await playbook(graph({
      "0": { type: "start" },
      "2": { type: "prompt", name: "triage", approver: { role: "analyst" }, message: "Triage {0}", parameters: ["container:name"], responseTime: 30,
        responses: [{ prompt: "Verdict?", type: "list", options: ["malicious", "benign"] }, { prompt: "Why?", type: "message" }] },
      "3": { type: "format", name: "answer", template: "{0} because {1} (by {2})", parameters: ["triage:action_result.summary.responses.0", "triage:action_result.summary.responses.1", "triage:action_result.summary.responder"] },
      "4": note("triage", "answer:formatted_data"),
      "1": { type: "end" },
    }, ["0>2", "2>3", "3>4", "4>1"]));
    const run = await startPlaybookRun({ playbook: pb, containerId: c }, actor);
    for (let i = 0; (await pendingPrompts(run.id)).length === 0 && i < 200; i++) await new Promise((r) => setTimeout(r, 50));
    const [prompt] = await pendingPrompts(run.id);
    await expect(answerPrompt(prompt!.id, ["suspicious", "no idea"], actor)).rejects.toThrow(/malicious, benign/);
    await answerPrompt(prompt!.id, ["malicious", "beacons to a known C2"], { id: 2, name: "ana", role: "analyst" });
    expect((await waitRun(run.id)).status).toBe("success");
    expect((await notes(c)).map((n) => n.content)).toEqual(["malicious because beacons to a known C2 (by ana)"]);
  });
});
