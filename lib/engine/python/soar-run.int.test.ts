// SOAR's generated Python run unchanged on Vigil's engine: fixture playbooks from
// ../shared/fixtures/soar-playbooks, their callbacks resumed by name, their run data and outputs
// kept by the engine.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { playbookRunLog, startPlaybookRun } from "../../domain/playbooks";
import { tokenClient } from "../../rest/rest-test-kit";
import { startSlapd, type Slapd } from "../../testing/slapd";
import { Engine } from "../runner";
import { actor, container, playbook, uniq, waitRun } from "../testing/helpers";
import { closePythonSandbox, runPython } from "./sandbox";

const FIXTURES = path.resolve(process.cwd(), "../shared/fixtures/soar-playbooks");
const fixture = (name: string) => ({
  json: JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), "utf8")) as { coa: { input_spec: { name: string }[] | null; output_spec: { name: string }[] | null } },
  py: readFileSync(path.join(FIXTURES, `${name}.py`), "utf8"),
});

const SUFFIX = "dc=corp,dc=test";
const LDIF = [
  `dn: ${SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\no: corp\ndc: corp\n`,
  `dn: cn=Alice Smith,${SUFFIX}\nobjectClass: user\nobjectClass: securityPrincipal\ncn: Alice Smith\nsn: Smith\ninstanceType: 4\nnTSecurityDescriptor:: AA==\n` +
    `objectCategory: cn=Person,cn=Schema,cn=Configuration,${SUFFIX}\nsAMAccountName: asmith\nuserPrincipalName: asmith@corp.test\nuserAccountControl: 512\n`,
].join("\n");

let engine: Engine;
let slapd: Slapd;
beforeAll(async () => {
  slapd = await startSlapd({ suffix: SUFFIX, ldif: LDIF });
  // The engine's interpreter is warm before the first run, as in a running worker.
  expect(await runPython({ code: "pass" })).toMatchObject({ ok: true });
  engine = new Engine(`soar-python-test-${process.pid}`, { pollMs: 100 });
  await engine.start();
}, 180_000);
afterAll(async () => {
  await engine?.stop();
  await slapd?.stop();
  await closePythonSandbox();
});

/** Runs to the end; a loaded machine gets two minutes (Python turns cost milliseconds, the machine is shared). */
async function runToEnd(playbookId: number, containerId: number, opts: { inputs?: Record<string, unknown>; timeLimitSeconds?: number } = {}) {
  const run = await startPlaybookRun({ playbook: playbookId, containerId, ...opts }, actor);
  return waitRun(run.id, 120_000);
}

async function pythonPlaybook(name: string): Promise<number> {
  const f = fixture(name);
  return playbook(null, {
    name: `${name}_${uniq()}`, code: f.py, language: "python", type: f.json.coa.input_spec ? "input" : "automation",
    input_spec: (f.json.coa.input_spec ?? []).map((s) => ({ name: s.name })),
    output_spec: (f.json.coa.output_spec ?? []).map((s) => ({ name: s.name })),
  });
}

describe("SOAR Python playbooks on the engine", () => {
  it("runs AD_LDAP_Account_Locking without input: on_start, the filter, on_finish and its output", async () => {
    const pb = await pythonPlaybook("AD_LDAP_Account_Locking");
    const c = await container([{ sourceUserName: "alice" }]);
    const run = await runToEnd(pb, c, { timeLimitSeconds: 120 });
    const log = (await playbookRunLog(run.id)).map((l) => l.message);
    expect(run.message).toBe("playbook run succeeded");
    expect(run.status).toBe("success");
    expect(log).toEqual(expect.arrayContaining(["on_start() called", "username_filter() called", "on_finish() called"]));
    // Vigil reads a missing input as one empty value (as its graph playbooks do), so the filter
    // passes and the action block builds no parameters: nothing is run, as SOAR does for an empty list.
    expect(log).toContain("phantom.act(): no parameters for 'disable account', nothing run");
    expect(await db.actionRun.count({ where: { containerId: c } })).toBe(0);
    expect(run.outputs).toEqual({ observable: null });
  }, 180_000);

  it("fails an action with no asset as SOAR does: the callback gets success=False and the playbook goes on", async () => {
    const pb = await pythonPlaybook("Azure_AD_Account_Locking");
    const run = await runToEnd(pb, await container([{ sourceUserName: "bob" }]), { inputs: { user: ["bob@corp.test"] }, timeLimitSeconds: 120 });
    expect([run.status, run.message]).toEqual(["success", "playbook run succeeded"]);
    const state = run.state as { outputs: Record<string, { results?: { status: string; message: string }[] }> };
    expect(state.outputs.disable_user_account?.results).toEqual([expect.objectContaining({ status: "failed", message: expect.stringMatching(/no asset "azure_ad_graph"/) })]);
    const log = (await playbookRunLog(run.id)).map((l) => l.message);
    expect(log).toEqual(expect.arrayContaining(["disable_user_account() called", "filter_disable_result() called", "on_finish() called"]));
    expect(log).not.toContain("username_observables() called");
  }, 180_000);

  it("runs AD_LDAP_Account_Locking with its input: disables the account in a real LDAP server and outputs the observable", async () => {
    const admin = await tokenClient("administrator");
    const created = await admin.call("POST", "/rest/asset", {
      name: "microsoft ad ldap", product_vendor: "Splunk", product_name: "Active Directory LDAP",
      configuration: { server: "127.0.0.1", port: slapd.port, username: slapd.rootDn, password: slapd.rootPw, force_ssl: false },
    });
    expect(created.status).toBe(200);
    const pb = await pythonPlaybook("AD_LDAP_Account_Locking");
    const run = await runToEnd(pb, await container([{ sourceUserName: "asmith" }]), { inputs: { user: ["asmith"] }, timeLimitSeconds: 120 });
    expect([run.status, run.message]).toEqual(["success", "playbook run succeeded"]);
    const entry = (await slapd.search("(sAMAccountName=asmith)", ["userAccountControl"]))[0];
    expect(entry?.attrs.useraccountcontrol).toEqual(["514"]);
    expect(run.outputs).toEqual({ observable: [expect.objectContaining({ type: "Microsoft AD LDAP user name", value: "asmith", status: "success" })] });
    const actionRuns = await db.actionRun.findMany({ where: { containerId: run.containerId } });
    expect(actionRuns.map((a) => [a.action, a.status])).toEqual([["disable account", "success"]]);
  }, 180_000);
});
