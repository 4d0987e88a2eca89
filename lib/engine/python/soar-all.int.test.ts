// All 60 SOAR fixture playbooks imported (with the 41 community custom functions) and run, each on a
// container whose artifacts exercise it, with its inputs when it is an input playbook. Built-in
// apps bind where they exist; actions of apps Vigil lacks fail as SOAR fails an action without an
// asset. Every run must end; a failure's message must be one of the allowed kinds, never a
// sandbox or engine fault.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "../../db/client";
import { SYSTEM, type Actor } from "../../domain/actor";
import { createUser } from "../../domain/users";
import { answerPrompt, pendingPrompts, playbookRunLog, startPlaybookRun } from "../../domain/playbooks";
import { importSoarCustomFunction, importSoarPlaybook } from "../../domain/soar-import";
import { Engine } from "../runner";
import { actor, container } from "../testing/helpers";
import { closePythonSandbox, runPython } from "./sandbox";

const SHARED = path.resolve(process.cwd(), "../shared/fixtures");
const names = (dir: string) => readdirSync(path.join(SHARED, dir)).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5)).sort();
const files = (dir: string, name: string) => ({ name, json: readFileSync(path.join(SHARED, dir, `${name}.json`)), py: readFileSync(path.join(SHARED, dir, `${name}.py`)) });

const SHA256 = "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f";
const ARTIFACTS = [
  { sourceAddress: "10.1.2.3", destinationAddress: "203.0.113.7", sourceUserName: "alice", destinationDnsDomain: "evil.example" },
  { requestURL: "http://evil.example/payload", fileHash: SHA256, fileName: "payload.exe", emailHeaders: { From: "a@evil.example" } },
];
/** A value for each input name the fixtures declare, by what the name says. */
function inputValue(name: string): string[] {
  if (/ip_or_hostname|hostname/.test(name)) return ["host-1.corp.test"];
  if (/ip/.test(name)) return ["203.0.113.7"];
  if (/url/.test(name)) return ["http://evil.example/payload"];
  if (/domain/.test(name)) return ["evil.example"];
  if (/hash|vault_id|^file$/.test(name)) return [SHA256];
  if (/user/.test(name)) return ["alice"];
  if (/email/.test(name)) return ["a@evil.example"];
  return ["test"];
}

// What may end a run in failure here: something Vigil has not got (an app, asset, child playbook,
// custom function), never a fault of the sandbox or engine.
const ALLOWED = [
  /no asset "[^"]+"/, /child playbook "[^"]+" does not exist/, /custom function \S+ does not exist in Vigil/,
  /no app (has|provides) the action/i, /unknown action/i,
];

// Failures that are the playbook's own logic on this fixture set, each explained; a new failure,
// or another message, fails the test.
const KNOWN: Record<string, RegExp> = {
  // The community playbooks_list custom function finds investigate playbooks through
  // GET /rest/scm?_filter_name="local" and then /rest/playbook?_filter_scm=<scm id> (both work:
  // soar-requests.int.test.ts makes the same calls). It finds none and the playbook raises by
  // design, in SOAR too: the fixture set has no input playbook tagged "investigate, risk_notable"
  // in the "local" repository (domain_investigate and url_investigate carry those tags but are
  // imported into "community" here).
  risk_notable_enrich: /on_finish failed: RuntimeError: Unable to find investigate type playbooks\. \(line 259 in on_finish\)/,
  // Its first block looks up a Splunk asset named "splunk" (get_splunk_asset_details: "No valid
  // asset id found for provided asset name: splunk"); with no Splunk asset no risk query runs, the
  // summary note stays empty, and on_finish raises by design.
  risk_notable_import_data: /on_finish failed: RuntimeError: Error occured during import data and summary note is missing \(line 686 in on_finish\)/,
  // Looks for input playbooks tagged "asset, containment, risk_notable" (and the identity ones) in
  // "local" through playbooks_list (see risk_notable_enrich); none in the
  // fixture set carries all three tags (host_quarantine_crowdstrike has asset and containment
  // only), so on_finish raises by design.
  risk_notable_protect_assets_and_users: /on_finish failed: RuntimeError: No playbooks found for provided 'playbooks_list' criteria \(line 730 in on_finish\)/,
};

let engine: Engine;
// Runs are started by an analyst, as from the console: playbooks that look up their effective
// user (GET /rest/ph_user/<phantom.get_effective_user()>) find one.
let analyst: Actor;
beforeAll(async () => {
  const { user } = await createUser({ username: `soar-all-${process.pid}-${Date.now()}`, role: "analyst" }, SYSTEM);
  analyst = { id: user.id, name: user.username, role: "analyst" };
  // phantom.requests reaches the test's running server.
  process.env.VIGIL_INTERNAL_URL = inject("vigilUrl");
  expect(await runPython({ code: "pass" })).toMatchObject({ ok: true });
  engine = new Engine(`soar-all-${process.pid}`, { pollMs: 100 });
  await engine.start();
}, 180_000);
afterAll(async () => {
  await engine?.stop();
  await closePythonSandbox();
});

describe("the 60 SOAR fixture playbooks", () => {
  it("import and run: every run ends, on_finish runs, failures only of the allowed kinds", async () => {
    for (const n of names("soar-custom-functions")) await importSoarCustomFunction(files("soar-custom-functions", n), { repo: "community" }, actor);
    const runs: { name: string; id: number }[] = [];
    for (const n of names("soar-playbooks")) {
      const f = files("soar-playbooks", n);
      // force: other files (soar-run, soar-import) import some of these into "community" too.
      const { playbook } = await importSoarPlaybook(f, { repo: "community", force: true }, actor);
      const spec = (JSON.parse(f.json.toString("utf8")) as { coa: { input_spec: { name: string }[] | null } }).coa.input_spec ?? [];
      const c = await container(ARTIFACTS, { label: "events" });
      const run = await startPlaybookRun({ playbook: playbook.id, containerId: c, scope: "all", timeLimitSeconds: 600, inputs: Object.fromEntries(spec.map((s) => [s.name, inputValue(s.name)])) }, analyst);
      runs.push({ name: n, id: run.id });
    }
    // Wait for every run, answering prompts as an analyst would.
    const deadline = Date.now() + 15 * 60_000;
    for (;;) {
      const open = await db.playbookRun.findMany({ where: { id: { in: runs.map((r) => r.id) }, status: "running" }, select: { id: true } });
      if (open.length === 0 || Date.now() > deadline) break;
      for (const r of open) for (const p of await pendingPrompts(r.id)) await answerPrompt(p.id, p.responses.map((x) => x.options?.[0] ?? "yes"), actor).catch(() => {});
      await new Promise((res) => setTimeout(res, 500));
    }
    const outcome: Record<string, string> = {};
    for (const r of runs) {
      const run = await db.playbookRun.findUniqueOrThrow({ where: { id: r.id } });
      const log = (await playbookRunLog(r.id)).map((l) => l.message);
      outcome[r.name] = run.status === "success"
        ? (log.includes("on_finish() called") ? "success" : "success without on_finish")
        : run.status === "failed" && ALLOWED.some((a) => a.test(run.message)) ? "allowed failure" : `${run.status}: ${run.message}`;
    }
    console.log(JSON.stringify(outcome, null, 1));
    // What led to each known failure (custom function results, REST answers), for the notes above.
    for (const r of runs.filter((x) => KNOWN[x.name])) {
      console.log(r.name, (await playbookRunLog(r.id)).filter((l) => l.level !== "info").map((l) => l.message.slice(0, 300)).slice(-12));
    }
    const bad = Object.fromEntries(Object.entries(outcome).filter(([n, o]) => o !== "success" && o !== "allowed failure" && !KNOWN[n]?.test(o)));
    expect(bad).toEqual({});
    // Every run ended: none is still running.
    expect(Object.values(outcome).filter((o) => o.startsWith("running"))).toEqual([]);
  }, 30 * 60_000);
});
