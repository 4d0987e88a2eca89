import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createArtifacts } from "../domain/artifacts";
import { createCustomList } from "../domain/custom-lists";
import { newArtifactSchema } from "../schemas/containers";
import { answerPrompt, cancelPlaybookRun, pendingPrompts, saveCustomFunction, setPlaybookActive, startPlaybookRun, playbookRunLog } from "../domain/playbooks";
import { Engine } from "./runner";
import { actor, container, graph, notes, playbook, runToEnd, steps, uniq, waitRun } from "./testing/helpers";

let engine: Engine;
beforeAll(async () => {
  engine = new Engine(`engine-test-${process.pid}`, { pollMs: 100 });
  await engine.start();
});
afterAll(() => engine.stop());

const note = (title: string, content: string) => ({ type: "utility", utility: "add_note", values: { title, content } });

describe("graph playbooks", () => {
  it("filters artifacts, formats the matching rows with their context and adds a note", async () => {
    const c = await container([{ sourceAddress: "10.0.0.1", destinationDnsDomain: "evil.com" }, { sourceAddress: "192.168.1.1" }, { sourceAddress: "10.0.0.9", destinationDnsDomain: "bad.org" }]);
    const pb = await playbook(graph({
      "0": { type: "start" },
      "2": { type: "filter", name: "private_ips", conditions: [{ logic: "and", comparisons: [{ param: "artifact:*.cef.sourceAddress", op: "matches", value: "^10\\." }] }, { comparisons: [{ param: "artifact:*.cef.sourceAddress", op: "==", value: "8.8.8.8" }] }] },
      "3": { type: "format", name: "summary", template: "Container {0}\n%%- {1} -> {2} (artifact {3})\n%%", parameters: ["container:name", "filtered-data:private_ips:condition_1:artifact:*.cef.sourceAddress", "filtered-data:private_ips:condition_1:artifact:*.cef.destinationDnsDomain", "filtered-data:private_ips:condition_1:artifact:*.id"] },
      "4": note("private addresses", "summary:formatted_data"),
      "5": note("never", "condition 2 matched nothing"),
      "1": { type: "end" },
    }, ["0>2", "2>3:0", "3>4", "4>1", "2>5:1", "5>1"]));
    const run = await runToEnd(pb, c, { scope: "all" });
    expect(run.status).toBe("success");
    const arts = await db.artifact.findMany({ where: { containerId: c }, orderBy: { id: "asc" } });
    const name = (await db.container.findUniqueOrThrow({ where: { id: c } })).name;
    expect((await notes(c)).map((n) => [n.title, n.content])).toEqual([["private addresses", `Container ${name}\n- 10.0.0.1 -> evil.com (artifact ${arts[0]!.id})\n- 10.0.0.9 -> bad.org (artifact ${arts[2]!.id})\n`]]);
    expect((await steps(run.id)).map((s) => s.blockName)).toEqual(["start_0", "private_ips", "summary", "utility_4", "end_1"]);
    expect((await playbookRunLog(run.id)).map((l) => l.message)).toContain("private_ips (filter) succeeded");
  });

  it("decides, runs code in the sandbox, reads its outputs downstream and changes the container", async () => {
    const c = await container([{ requestURL: "http://a.example" }, { requestURL: "http://b.example" }], { severity: "low" });
    const pb = await playbook(graph({
      "0": { type: "start" },
      "2": { type: "code", name: "count_urls", inputParameters: ["artifact:*.cef.requestURL"], outputVariables: ["n", "hosts"],
        code: "const urls = inputs['artifact:*.cef.requestURL']; outputs.n = urls.length; outputs.hosts = urls.map((u) => u.split('//')[1]); phantom.debug('counted ' + urls.length); phantom.save_run_data('seen', urls);" },
      "3": { type: "decision", name: "many", conditions: [{ type: "if", comparisons: [{ param: "count_urls:custom_function:n", op: ">=", value: "2" }] }, { type: "else", comparisons: [] }] },
      "4": { type: "utility", utility: "set_severity", values: { severity: "high" } },
      "5": { type: "utility", utility: "add_tag", values: { tags: "urls, engine" } },
      "6": { type: "format", name: "hosts", template: "{0}", parameters: ["count_urls:custom_function:hosts"] },
      "7": { type: "utility", utility: "comment", values: { comment: "hosts:formatted_data" } },
      "8": { type: "utility", utility: "set_status", values: { status: "closed" } },
      "1": { type: "end" },
    }, ["0>2", "2>3", "3>4:0", "4>5", "5>6", "6>7", "7>1", "3>8:1", "8>1"]));
    const run = await runToEnd(pb, c);
    expect(run.status).toBe("success");
    const after = await db.container.findUniqueOrThrow({ where: { id: c } });
    expect([after.severity, after.status, after.tags]).toEqual(["high", "new", ["urls", "engine"]]);
    expect((await db.comment.findMany({ where: { containerId: c } })).map((x) => x.content)).toEqual(["a.example, b.example"]);
    expect((run.state as { runData: Record<string, string> }).runData).toMatchObject({ seen: JSON.stringify(["http://a.example", "http://b.example"]), "count_urls:n": "2" });
    expect((await playbookRunLog(run.id)).map((l) => l.message)).toContain("counted 2");
  });

  it("joins run once when every required predecessor is done, and skip those marked not required", async () => {
    const c = await container([{ x: "1" }]);
    const code = (name: string) => ({ type: "code", name, code: "" });
    const joined = (notRequiredJoins: string[]) => graph({
      "0": { type: "start" },
      "2": code("left"),
      "3": { type: "filter", name: "never", conditions: [{ comparisons: [{ param: "artifact:*.cef.x", op: "==", value: "2" }] }] },
      "4": code("right"),
      "5": { ...note("joined", "once"), notRequiredJoins },
      "6": code("other"),
      "1": { type: "end" },
    }, ["0>2", "0>3", "3>4:0", "0>6", "2>5", "4>5", "6>5", "5>1"]);
    const waits = await runToEnd(await playbook(joined([])), c);
    expect(waits.status).toBe("success");
    expect((await steps(waits.id)).map((s) => s.blockName)).not.toContain("utility_5");
    expect(await notes(c)).toHaveLength(0);
    const skips = await runToEnd(await playbook(joined(["4"])), c);
    expect(skips.status).toBe("success");
    expect((await steps(skips.id)).filter((s) => s.blockName === "utility_5")).toHaveLength(1);
    expect(await notes(c)).toHaveLength(1);
  });

  it("runs a child input playbook synchronously with inputs and reads its outputs", async () => {
    const c = await container([{ sourceAddress: "1.2.3.4" }, { sourceAddress: "5.6.7.8" }]);
    const childName = `child ${uniq()}`;
    await playbook(graph({
      "0": { type: "start" },
      "2": { type: "code", name: "judge", inputParameters: ["playbook_input:ip"], outputVariables: ["verdict"], code: "outputs.verdict = inputs['playbook_input:ip'].map((ip) => ip + ' is ' + (ip.startsWith('1.') ? 'bad' : 'good'));" },
      "1": { type: "end" },
    }, ["0>2", "2>1"]), { name: childName, type: "input", input_spec: [{ name: "ip" }], output_spec: [{ name: "verdict", datapaths: ["judge:custom_function:verdict"] }] });
    const parent = await playbook(graph({
      "0": { type: "start" },
      "2": { type: "playbook", name: "ask_child", playbook: `local/${childName}`, synchronous: true, inputs: { ip: { datapaths: ["artifact:*.cef.sourceAddress"] } } },
      "3": { type: "format", name: "verdicts", template: "%%{0}\n%%", parameters: ["ask_child:playbook_output:verdict"] },
      "4": note("verdicts", "verdicts:formatted_data"),
      "1": { type: "end" },
    }, ["0>2", "2>3", "3>4", "4>1"]));
    const run = await runToEnd(parent, c);
    expect(run.status).toBe("success");
    expect((await notes(c))[0]!.content).toBe("1.2.3.4 is bad\n5.6.7.8 is good\n");
    const child = await db.playbookRun.findFirstOrThrow({ where: { parentRunId: run.id } });
    expect([child.status, child.inputs, child.outputs]).toEqual(["success", { ip: ["1.2.3.4", "5.6.7.8"] }, { verdict: ["1.2.3.4 is bad", "5.6.7.8 is good"] }]);
  });

  it("runs repository custom functions once per parameter row", async () => {
    const c = await container([{ fileHash: "aa" }, { fileHash: "bb" }]);
    await saveCustomFunction({ repo: "local", name: "upper", code: "outputs.value = parameters.input.toUpperCase();" }, actor);
    const pb = await playbook(graph({
      "0": { type: "start" },
      "2": { type: "custom_function", name: "up", customFunction: "local/upper", parameters: { input: "artifact:*.cef.fileHash" } },
      "3": { type: "format", name: "f", template: "{0}", parameters: ["up:custom_function_result.data.value"] },
      "4": note("upper", "f:formatted_data"),
      "1": { type: "end" },
    }, ["0>2", "2>3", "3>4", "4>1"]));
    expect((await runToEnd(pb, c)).status).toBe("success");
    expect((await notes(c))[0]!.content).toBe("AA, BB");
  });
});

describe("prompts, cancellation, limits and failures", () => {
  const promptGraph = () => graph({
    "0": { type: "start" },
    "2": { type: "prompt", name: "ask", approver: { role: "analyst" }, message: "Close {0}?", parameters: ["container:name"], responseTime: 5, responses: [{ prompt: "Close it?", type: "yes/no" }] },
    "3": { type: "decision", name: "yes", conditions: [{ type: "if", comparisons: [{ param: "ask:action_result.summary.responses.0", op: "==", value: "Yes" }] }, { type: "elif", comparisons: [{ param: "ask:action_result.status", op: "==", value: "failed" }] }] },
    "4": note("approved", "yes"),
    "5": note("timed out", "no answer"),
    "1": { type: "end" },
  }, ["0>2", "2>3", "3>4:0", "3>5:1", "4>1", "5>1"]);

  it("waits for an answer to a prompt and resumes with it", async () => {
    const c = await container();
    const pb = await playbook(promptGraph());
    const run = await startPlaybookRun({ playbook: pb, containerId: c }, actor);
    let prompts = await pendingPrompts(run.id);
    for (let i = 0; prompts.length === 0 && i < 100; i++) {
      await new Promise((r) => setTimeout(r, 50));
      prompts = await pendingPrompts(run.id);
    }
    expect(prompts[0]).toMatchObject({ approver: { role: "analyst" }, message: expect.stringMatching(/^Close engine /) });
    await expect(answerPrompt(prompts[0]!.id, ["Maybe"], actor)).rejects.toThrow(/answer one of Yes, No/);
    await expect(answerPrompt(prompts[0]!.id, ["Yes"], { id: 1, name: "obs", role: "observer" })).rejects.toThrow(/is for role analyst/);
    await answerPrompt(prompts[0]!.id, ["Yes"], { id: 2, name: "ana", role: "analyst" });
    expect((await waitRun(run.id)).status).toBe("success");
    expect((await notes(c)).map((n) => n.title)).toEqual(["approved"]);
  });

  it("resumes a prompt that timed out with a failed result", async () => {
    const c = await container();
    const run = await startPlaybookRun({ playbook: await playbook(promptGraph()), containerId: c }, actor);
    for (let i = 0; (await pendingPrompts(run.id)).length === 0 && i < 100; i++) await new Promise((r) => setTimeout(r, 50));
    await db.playbookCallback.updateMany({ where: { runId: run.id }, data: { due: new Date(Date.now() - 1000) } });
    expect((await waitRun(run.id)).status).toBe("success");
    expect((await notes(c)).map((n) => n.title)).toEqual(["timed out"]);
  });

  it("cancels a waiting run; a run past its time limit fails with a clear message", async () => {
    const c = await container();
    const pb = await playbook(promptGraph());
    const run = await startPlaybookRun({ playbook: pb, containerId: c }, actor);
    for (let i = 0; (await pendingPrompts(run.id)).length === 0 && i < 100; i++) await new Promise((r) => setTimeout(r, 50));
    const prompt = (await pendingPrompts(run.id))[0]!;
    expect((await cancelPlaybookRun(run.id, actor)).status).toBe("cancelled");
    await expect(answerPrompt(prompt.id, ["Yes"], actor)).rejects.toThrow(/no longer waiting/);
    await expect(cancelPlaybookRun(run.id, actor)).rejects.toThrow(/is cancelled, not running/);
    const late = await runToEnd(pb, c, { timeLimitSeconds: 1 });
    expect([late.status, late.message]).toEqual(["failed", "the playbook run exceeded its time limit of 1 seconds"]);
    expect(await notes(c)).toHaveLength(0);
  });

  it("fails a block whose code escapes or runs away, while other runs go on", async () => {
    const c = await container();
    const code = (src: string) => graph({ "0": { type: "start" }, "2": { type: "code", name: "bad", code: src }, "3": note("after", "x"), "1": { type: "end" } }, ["0>2", "2>3", "3>1"]);
    const ok = await playbook(graph({ "0": { type: "start" }, "2": note("fine", "x"), "1": { type: "end" } }, ["0>2", "2>1"]));
    const cases: [string, RegExp][] = [
      ["phantom.debug(process.env.HOME)", /'process' is not defined/],
      ["require('fs').readFileSync('/etc/passwd')", /'require' is not defined/],
      ["fetch('http://127.0.0.1:1')", /'fetch' is not defined/],
      ["while (true) {}", /ran longer than its time limit/],
      ["const a = []; for (;;) a.push(new Array(100000).fill(a.length));", /more than its memory limit/],
    ];
    const runs = await Promise.all(cases.map(async ([src]) => startPlaybookRun({ playbook: await playbook(code(src)), containerId: c }, actor)));
    const good = await startPlaybookRun({ playbook: ok, containerId: c }, actor);
    for (const [i, r] of runs.entries()) {
      const done = await waitRun(r.id);
      expect(done.status).toBe("failed");
      expect(done.message).toMatch(cases[i]![1]);
      expect(done.message).toMatch(/^block bad failed: /);
    }
    expect((await waitRun(good.id)).status).toBe("success");
    expect((await notes(c)).map((n) => n.title)).toEqual(["fine"]);
  });

  it("fails a run whose container change is refused, and commits nothing of that turn", async () => {
    const c = await container([{ sourceAddress: "1.1.1.1" }]);
    const refused = await runToEnd(await playbook(graph({ "0": { type: "start" }, "2": note("kept?", "x"), "3": { type: "utility", name: "bad_status", utility: "set_status", values: { status: "no such status" } }, "1": { type: "end" } }, ["0>2", "2>3", "3>1"])), c);
    expect(refused.status).toBe("failed");
    expect(refused.message).toMatch(/^block 3 failed: .*status/);
    // The whole turn was refused: the note before the bad status was not committed either.
    expect(await notes(c)).toHaveLength(0);
  });

  it("checks membership in custom lists", async () => {
    const listName = `blocked ${uniq()}`;
    await createCustomList(listName, [["6.6.6.6"], ["7.7.7.7"]], actor);
    const c = await container([{ sourceAddress: "6.6.6.6" }, { sourceAddress: "1.1.1.1" }]);
    const pb = await playbook(graph({
      "0": { type: "start" },
      "2": { type: "filter", name: "listed", conditions: [{ comparisons: [{ param: "artifact:*.cef.sourceAddress", op: "in", value: `custom_list:${listName}` }] }] },
      "3": { type: "format", name: "f", template: "{0}", parameters: ["filtered-data:listed:condition_1:artifact:*.cef.sourceAddress"] },
      "4": note("listed", "f:formatted_data"),
      "1": { type: "end" },
    }, ["0>2", "2>3:0", "3>4", "4>1"]));
    expect((await runToEnd(pb, c)).status).toBe("success");
    expect((await notes(c)).map((n) => n.content)).toEqual(["6.6.6.6"]);
  });
});

describe("triggers", () => {
  it("starts active playbooks on a new container with a matching label, in name order, with scope new", async () => {
    const label = `trig_${uniq()}`;
    const g = (title: string) => graph({ "0": { type: "start" }, "2": { type: "format", name: "f", template: "{0}", parameters: ["artifact:*.cef.n"] }, "3": note(title, "f:formatted_data"), "1": { type: "end" } }, ["0>2", "2>3", "3>1"]);
    const b = await playbook(g("b"), { name: `b ${label}`, labels: [label] });
    const a = await playbook(g("a"), { name: `a ${label}`, labels: [label] });
    await playbook(g("inactive"), { name: `c ${label}`, labels: [label] });
    await setPlaybookActive(a, true, actor);
    await setPlaybookActive(b, true, actor);
    try {
      const c = await container([{ n: "1" }], { label });
      const other = await container([{ n: "1" }]);
      const started = async () => db.playbookRun.findMany({ where: { containerId: c }, orderBy: { id: "asc" } });
      for (let i = 0; (await started()).length < 2 && i < 200; i++) await new Promise((r) => setTimeout(r, 50));
      const runs = await started();
      expect(runs.map((r) => r.playbookId)).toEqual([a, b]);
      for (const r of runs) expect((await waitRun(r.id)).status).toBe("success");
      expect(await db.playbookRun.count({ where: { containerId: other } })).toBe(0);
      // New artifacts start the playbooks again on just those artifacts (scope new).
      await createArtifacts([newArtifactSchema.parse({ container_id: c, name: "later", cef: { n: "2" } })], actor);
      for (let i = 0; (await started()).length < 4 && i < 200; i++) await new Promise((r) => setTimeout(r, 50));
      for (const r of await started()) await waitRun(r.id);
      expect((await notes(c)).map((n) => `${n.title}${n.content}`).sort()).toEqual(["a1", "a2", "b1", "b2"]);
    } finally {
      await setPlaybookActive(a, false, actor);
      await setPlaybookActive(b, false, actor);
    }
  });
});

describe("code playbooks", () => {
  it("runs JavaScript against the playbook API, resumes callbacks by name and ends with on_finish", async () => {
    const c = await container([{ sourceAddress: "10.1.1.1" }, { sourceAddress: "8.8.8.8" }]);
    const childName = `code child ${uniq()}`;
    await playbook(graph({
      "0": { type: "start" },
      "2": { type: "code", name: "double", inputParameters: ["playbook_input:n"], outputVariables: ["twice"], code: "outputs.twice = inputs['playbook_input:n'].map((n) => n * 2);" },
      "1": { type: "end" },
    }, ["0>2", "2>1"]), { name: childName, type: "input", input_spec: [{ name: "n" }], output_spec: [{ name: "twice", datapaths: ["double:custom_function:twice"] }] });
    const code = `
      function on_start(container) {
        const rows = phantom.collect2(["artifact:*.cef.sourceAddress", "artifact:*.id"]);
        phantom.debug("rows " + rows.length);
        const matched = phantom.condition([["artifact:*.cef.sourceAddress", "matches", "^10\\\\."]], "and", "private:condition_1");
        phantom.format("{0}", ["filtered-data:private:condition_1:artifact:*.cef.sourceAddress"], "private_list");
        phantom.save_run_data("matched", matched.length);
        phantom.prompt2({ role: "analyst", message: "Tag " + phantom.get_format_data("private_list") + "?", name: "ask", respond_in_mins: 5, responses: [{ prompt: "Tag?", type: "yes/no" }], callback: "answered" });
      }
      function answered(action, success, container, results) {
        const answer = results[0].summary.responses[0];
        phantom.add_note("answer", answer + " after " + phantom.get_run_data("matched") + " match(es) on " + phantom.get_format_data("private_list"));
        if (answer === "Yes") phantom.add_tag("private");
        phantom.playbook("local/${childName}", { name: "child", inputs: { n: [2, 3] }, callback: "child_done" });
      }
      function child_done(action, success, container, results) {
        const out = phantom.collect2(["child:playbook_output:twice"]).map((r) => r[0]);
        phantom.save_playbook_output_data({ doubled: out, child_ok: success });
      }
      function on_finish(container, summary) {
        phantom.comment("finished; completed: " + phantom.completed(["ask", "child"]));
      }`;
    const pb = await playbook(null, { code });
    const run = await startPlaybookRun({ playbook: pb, containerId: c }, actor);
    let prompts = await pendingPrompts(run.id);
    for (let i = 0; prompts.length === 0 && i < 100; i++) {
      await new Promise((r) => setTimeout(r, 50));
      prompts = await pendingPrompts(run.id);
    }
    expect(prompts[0]!.message).toBe("Tag 10.1.1.1?");
    await answerPrompt(prompts[0]!.id, ["Yes"], actor);
    const done = await waitRun(run.id);
    expect([done.status, done.message]).toEqual(["success", "playbook run succeeded"]);
    expect(done.outputs).toEqual({ doubled: [4, 6], child_ok: true });
    expect((await notes(c)).map((n) => n.content)).toEqual(["Yes after 1 match(es) on 10.1.1.1"]);
    expect((await db.container.findUniqueOrThrow({ where: { id: c } })).tags).toEqual(["private"]);
    expect((await db.comment.findMany({ where: { containerId: c } })).map((x) => x.content)).toEqual(["finished; completed: true"]);
    expect((await playbookRunLog(run.id)).map((l) => l.message)).toContain("rows 2");
  });

  it("fails a code playbook that calls a callback it does not define, or throws", async () => {
    const c = await container();
    const missing = await runToEnd(await playbook(null, { code: "function on_start() { phantom.playbook('local/none', { callback: 'nope' }); }" }), c);
    expect([missing.status, missing.message]).toEqual(["failed", 'child playbook "local/none" does not exist']);
    const throws = await runToEnd(await playbook(null, { code: "function on_start() { throw new Error('bad input'); }" }), c);
    expect([throws.status, throws.message]).toEqual(["failed", "on_start failed: Error: bad input"]);
  });
});
