// The debugger's view of a SOAR Python playbook's run: which functions ran, in order, with their
// phantom.debug lines, what resumed each (the action's parameters and results) and what each
// started, from what the engine records per turn (lib/engine/code-playbook.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closePythonSandbox, runPython } from "../engine/python/sandbox";
import { Engine } from "../engine/runner";
import { actor, container, playbook, uniq, waitRun } from "../engine/testing/helpers";
import { playbookRunView } from "./playbook-run-view";
import { startPlaybookRun } from "./playbooks";

const PY = (callbackBody: string) => `
import phantom.rules as phantom

def on_start(container):
    phantom.debug("on_start() called")
    phantom.act("geolocate ip", parameters=[{"ip": "192.0.2.7"}], assets=["no asset ${uniq()}"], callback=geo_done, name="geolocate_ip_1")

def geo_done(action=None, success=None, container=None, results=None, handle=None, filtered_artifacts=None, filtered_results=None, **kwargs):
    phantom.debug("geo_done() called")
    phantom.debug("success=" + str(success))
${callbackBody}

def on_finish(container, summary):
    phantom.debug("on_finish() called")
`;

let engine: Engine;
beforeAll(async () => {
  expect(await runPython({ code: "pass" })).toMatchObject({ ok: true });
  engine = new Engine(`run-calls-test-${process.pid}`, { pollMs: 100 });
  await engine.start();
}, 180_000);
afterAll(async () => {
  await engine?.stop();
  await closePythonSandbox();
});

async function run(code: string) {
  const pb = await playbook(null, { name: `calls_${uniq()}`, code, language: "python" });
  const r = await startPlaybookRun({ playbook: pb, containerId: await container([{ sourceAddress: "192.0.2.7" }]), timeLimitSeconds: 120 }, actor);
  await waitRun(r.id, 120_000);
  return playbookRunView(r.id);
}

describe("a Python playbook's run in the debugger", () => {
  it("lists on_start, the action's callback with its parameters and results, and on_finish, each with its debug lines", async () => {
    const view = await run(PY("    phantom.debug('done')"));
    expect(view.status).toBe("success");
    expect(view.calls!.map((c) => [c.function, c.status, c.logs.map((l) => l.message)])).toEqual([
      ["on_start", "success", ["on_start() called"]],
      ["geo_done", "success", ["geo_done() called", "success=False", "done"]],
      ["on_finish", "success", ["on_finish() called"]],
    ]);
    const [start, cb] = view.calls!;
    expect(start!.started).toEqual([expect.objectContaining({ name: "geolocate_ip_1", kind: "action", parameters: [{ ip: "192.0.2.7" }] })]);
    expect(cb!.resumedBy).toMatchObject({ name: "geolocate_ip_1", kind: "action", status: "failed", parameters: [{ ip: "192.0.2.7" }], message: expect.stringMatching(/no asset/) });
    expect(cb!.resumedBy!.results).toEqual([expect.objectContaining({ status: "failed" })]);
  }, 180_000);

  it("marks the function that raised as failed, with the error; on_finish still runs once after it, as in SOAR", async () => {
    const view = await run(PY("    raise ValueError('bad verdict')"));
    expect(view.status).toBe("failed");
    expect(view.calls!.map((c) => [c.function, c.status])).toEqual([["on_start", "success"], ["geo_done", "failed"], ["on_finish", "success"]]);
    expect(view.calls![1]!.error).toMatch(/ValueError: bad verdict/);
    expect(view.calls![1]!.logs.map((l) => l.message)).toEqual(expect.arrayContaining(["geo_done() called", "success=False"]));
  }, 180_000);
});
