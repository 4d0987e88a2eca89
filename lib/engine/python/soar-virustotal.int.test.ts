// End to end: SOAR's VirusTotal_v3_Identifier_Reputation_Analysis (the fixture's .py, unchanged)
// enriches a container's indicators from a local VirusTotal-speaking server through Vigil's
// VirusTotal app, called as a child by a SOAR-style Python parent that writes what analysts see:
// a note with the child's markdown report and a tag per verdict.
import { readFileSync } from "node:fs";
import type http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { playbookRunLog, startPlaybookRun } from "../../domain/playbooks";
import { tokenClient } from "../../rest/rest-test-kit";
import { startHttpServer, type TestServer } from "../../testing/action-kit";
import { Engine } from "../runner";
import { actor, container, playbook, uniq, waitRun } from "../testing/helpers";
import { closePythonSandbox, runPython } from "./sandbox";

const NAME = "VirusTotal_v3_Identifier_Reputation_Analysis";
const FIXTURES = path.resolve(process.cwd(), "../shared/fixtures/soar-playbooks");
const spec = JSON.parse(readFileSync(path.join(FIXTURES, `${NAME}.json`), "utf8")) as { coa: { input_spec: { name: string }[]; output_spec: { name: string }[] } };

// What VirusTotal answers: evil.example is malicious, 198.51.100.20 harmless.
const OBJECTS: Record<string, unknown> = {
  "/api/v3/domains/evil.example": { id: "evil.example", type: "domain", attributes: { categories: { Forcepoint: "Malicious Web Sites", BitDefender: "malware" }, last_analysis_stats: { harmless: 10, malicious: 20, suspicious: 5, undetected: 5 } } },
  "/api/v3/ip_addresses/198.51.100.20": { id: "198.51.100.20", type: "ip_address", attributes: { last_analysis_stats: { harmless: 50, malicious: 0, suspicious: 0, undetected: 10 } } },
};
const seen: string[] = [];
function virustotal(req: http.IncomingMessage, res: http.ServerResponse) {
  const json = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  if (req.headers["x-apikey"] !== "vt-e2e-key") return json(401, { error: { code: "WrongCredentialsError", message: "Wrong API key" } });
  seen.push(req.url ?? "");
  const object = OBJECTS[req.url ?? ""];
  return object ? json(200, { data: { links: { self: "" }, ...(object as object) } }) : json(404, { error: { code: "NotFoundError", message: "not found" } });
}

let engine: Engine;
let vt: TestServer;
let assetId = 0;
beforeAll(async () => {
  vt = await startHttpServer(virustotal);
  const admin = await tokenClient("administrator");
  // The asset name the fixture's act() calls use.
  const created = await admin.call("POST", "/rest/asset", { name: "virustotal_v3", product_vendor: "VirusTotal", product_name: "VirusTotal v3", configuration: { apikey: "vt-e2e-key", base_url: vt.url } });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  assetId = created.body.id;
  expect(await runPython({ code: "pass" })).toMatchObject({ ok: true });
  engine = new Engine(`soar-vt-${process.pid}`, { pollMs: 100 });
  await engine.start();
}, 180_000);
afterAll(async () => {
  await engine?.stop();
  await closePythonSandbox();
  // Other files expect no asset of this name (their VirusTotal actions fail as "no asset"); app
  // runs keep the asset row, so it is renamed rather than deleted.
  if (assetId) await db.asset.update({ where: { id: assetId }, data: { name: `virustotal_v3-done-${uniq()}` } });
  await vt?.close();
}, 60_000);

/** The parent: SOAR-generated style, calling the child with the container's indicators. */
const parent = (child: string) => `
import json
import phantom.rules as phantom

def on_start(container):
    rows = phantom.collect2(container=container, datapath=["artifact:*.cef.destinationDnsDomain", "artifact:*.cef.destinationAddress"])
    inputs = {"domain": [r[0] for r in rows if r[0]], "ip": [r[1] for r in rows if r[1]]}
    phantom.playbook("local/${child}", container=container, name="vt_reputation", callback=write_findings, inputs=inputs)

def write_findings(action=None, success=None, container=None, results=None, handle=None, **kwargs):
    phantom.debug(f"child finished: {success}")
    observables = phantom.collect2(container=container, datapath=["vt_reputation:playbook_output:observable"])
    reports = phantom.collect2(container=container, datapath=["vt_reputation:playbook_output:markdown_report"])
    for (report,) in reports:
        if report:
            phantom.add_note(container=container, title="VirusTotal reputation", content=report, note_format="markdown")
    for (o,) in observables:
        if o:
            phantom.add_tags(container=container, tags=[f"vt_{o['type']}_{o['reputation']['score'].lower()}"])
`;

describe("VirusTotal v3 reputation, end to end", () => {
  it("enriches the container's domain and IP from the local VirusTotal server: notes with the reports, tags with the verdicts", async () => {
    const child = `${NAME}_${uniq()}`;
    await playbook(null, {
      name: child, code: readFileSync(path.join(FIXTURES, `${NAME}.py`), "utf8"), language: "python", type: "input",
      input_spec: spec.coa.input_spec.map((s) => ({ name: s.name })), output_spec: spec.coa.output_spec.map((s) => ({ name: s.name })),
    });
    const pb = await playbook(null, { name: `vt_parent_${uniq()}`, code: parent(child), language: "python" });
    const c = await container([{ destinationDnsDomain: "evil.example" }, { destinationAddress: "198.51.100.20" }]);
    const started = await startPlaybookRun({ playbook: pb, containerId: c, timeLimitSeconds: 300 }, actor);
    const run = await waitRun(started.id, 240_000).catch(async (err: unknown) => {
      // Say where it stopped: the child run and the action runs it waits for.
      const kids = await db.playbookRun.findMany({ where: { parentRunId: started.id } });
      const acts = await db.actionRun.findMany({ where: { containerId: c }, include: { appRuns: true } });
      throw new Error(`${String(err)}\nchildren: ${JSON.stringify(kids.map((k) => [k.id, k.status, k.message, k.state, k.leaseOwner]))}\nactions: ${JSON.stringify(acts.map((a) => [a.action, a.status, a.appRuns.map((r) => [r.status, r.message])]))}`);
    });
    const log = (await playbookRunLog(run.id)).map((l) => l.message);
    expect([run.status, run.message], log.join("\n")).toEqual(["success", "playbook run succeeded"]);
    const childRun = await db.playbookRun.findFirstOrThrow({ where: { parentRunId: run.id } });
    const childLog = (await playbookRunLog(childRun.id)).map((l) => l.message);
    expect([childRun.status, childRun.message], childLog.join("\n")).toEqual(["success", "playbook run succeeded"]);
    expect(log).toContain("child finished: True");
    expect(seen.sort()).toEqual(["/api/v3/domains/evil.example", "/api/v3/ip_addresses/198.51.100.20"]);
    const actions = await db.actionRun.findMany({ where: { containerId: c }, orderBy: { id: "asc" } });
    expect(actions.map((a) => [a.action, a.status]).sort()).toEqual([["domain reputation", "success"], ["ip reputation", "success"]]);

    const notes = await db.note.findMany({ where: { containerId: c }, orderBy: { id: "asc" } });
    expect(notes.map((n) => n.title)).toEqual(["VirusTotal reputation", "VirusTotal reputation"]);
    const text = notes.map((n) => n.content).join("\n");
    expect(text).toContain("| `evil.example` | Malicious | ");
    expect(text).toContain("https://www.virustotal.com/gui/domain/evil.example");
    expect(text).toMatch(/\| `198\.51\.100\.20` \| Very_Safe \|/);
    const tags = (await db.container.findUniqueOrThrow({ where: { id: c } })).tags;
    expect(tags.sort()).toEqual(["vt_domain_malicious", "vt_ip_very_safe"]);
  }, 300_000);
});
