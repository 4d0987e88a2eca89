// phantom.vault_add / vault_info on Vigil's vault, phantom.discontinue, and on_finish running once
// when a callback raises: SOAR-style Python playbooks on the engine.
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { playbookRunLog } from "../../domain/playbooks";
import { readAttachment } from "../../domain/vault";
import { container, playbook, runToEnd, uniq } from "../testing/helpers";
import { withPythonEngine } from "../testing/python-engine";

withPythonEngine("soar-rules");

const python = (code: string) => playbook(null, { name: `rules_${uniq()}`, code, language: "python" });
const log = async (runId: number) => (await playbookRunLog(runId)).map((l) => l.message);

describe("phantom.vault_add and vault_info", () => {
  it("adds a file written under /opt/phantom/vault/tmp/ to the container's vault, and reads it back by its vault id in a later callback", async () => {
    const marker = uniq();
    const pb = await python(`
import phantom.rules as phantom

def on_start(container):
    with open("/opt/phantom/vault/tmp/report-${marker}.txt", "w") as f:
        f.write("findings ${marker}\\n")
    ok, message, vault_id = phantom.vault_add(container=container, file_location="/opt/phantom/vault/tmp/report-${marker}.txt", file_name="report.txt")
    phantom.debug(f"add: {ok} {message}")
    phantom.save_run_data(key="vault_id", value=vault_id)
    missing = phantom.vault_add(container=container, file_location="/opt/phantom/vault/tmp/nothing-here")
    phantom.debug(f"missing: {missing[0]} {missing[1]}")
    phantom.act("no such action here", parameters=[{"x": 1}], assets=["no-asset-${marker}"], callback=read_back, name="later")

def read_back(action=None, success=None, container=None, results=None, handle=None, **kwargs):
    vault_id = phantom.get_run_data(key="vault_id")
    ok, message, infos = phantom.vault_info(vault_id=vault_id, container_id=container["id"])
    phantom.debug(f"info: {ok} {len(infos)} {infos[0]['name']} {infos[0]['size']} {infos[0]['vault_id'] == vault_id}")
    with open(infos[0]["path"]) as f:
        phantom.debug("content: " + f.read().strip())
    none = phantom.vault_info(vault_id="0" * 64)
    phantom.debug(f"none: {none[0]} {none[2]}")
`);
    const c = await container([{ sourceAddress: "10.0.0.2" }]);
    const run = await runToEnd(pb, c, { timeLimitSeconds: 120 });
    const lines = await log(run.id);
    expect([run.status, run.message], lines.join("\n")).toEqual(["success", "playbook run succeeded"]);
    expect(lines).toEqual(expect.arrayContaining([
      "add: True file added to the vault",
      "missing: False vault_add: cannot read /opt/phantom/vault/tmp/nothing-here: No such file or directory",
      "info: True 1 report.txt 18 True",
      `content: findings ${marker}`,
      "none: False []",
    ]));
    const rows = await db.attachment.findMany({ where: { containerId: c } });
    expect(rows.map((r) => [r.name, r.size])).toEqual([["report.txt", 18]]);
    expect((await readAttachment(rows[0]!.id)).bytes.toString()).toBe(`findings ${marker}\n`);
  }, 180_000);
});

describe("phantom.discontinue and on_finish", () => {
  it("discontinue: the pending action's callback never runs, on_finish runs once, the run succeeds", async () => {
    const pb = await python(`
import phantom.rules as phantom

def on_start(container):
    phantom.act("no such action", parameters=[{"x": 1}], assets=["nowhere-${uniq()}"], callback=never, name="pending_one")
    phantom.discontinue()

def never(**kwargs):
    phantom.debug("never() called")

def on_finish(container, summary):
    phantom.debug("on_finish() called")
`);
    const run = await runToEnd(pb, await container([]), { timeLimitSeconds: 120 });
    const lines = await log(run.id);
    expect([run.status, run.message]).toEqual(["success", "playbook run succeeded"]);
    expect(lines).toContain("phantom.discontinue() called");
    expect(lines).not.toContain("never() called");
    expect(lines.filter((l) => l === "on_finish() called")).toHaveLength(1);
    expect(await db.actionRun.count({ where: { containerId: run.containerId } })).toBe(0);
  }, 180_000);

  it("a callback that raises fails the run with its error, and on_finish still runs once", async () => {
    const pb = await python(`
import phantom.rules as phantom

def on_start(container):
    phantom.act("no such action", parameters=[{"x": 1}], assets=["nowhere-${uniq()}"], callback=broken, name="will_fail")

def broken(action=None, success=None, **kwargs):
    phantom.debug(f"broken() called: {success}")
    raise ValueError("the enrichment went wrong")

def on_finish(container, summary):
    phantom.debug(f"on_finish() called: {[r['name'] for r in summary['result']]}")
`);
    const run = await runToEnd(pb, await container([]), { timeLimitSeconds: 120 });
    const lines = await log(run.id);
    expect(run.status).toBe("failed");
    expect(run.message).toMatch(/^broken failed: ValueError: the enrichment went wrong \(line 9 in broken\)$/);
    expect(lines).toContain("broken() called: False");
    expect(lines.filter((l) => l.startsWith("on_finish() called"))).toEqual(["on_finish() called: ['will_fail']"]);
  }, 180_000);
});
