// Workbooks over REST in SOAR's shapes: templates with phases and tasks, the default workbook of
// a label applied when a container is created (by the database, whatever the insertion path),
// tasks moved between 0/2/1 with the closing note a task may require, and SOAR's community
// custom function workbook_task_update (Python, run by python3) driving it all through REST.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { restUrl, tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "..", "..");
const CUSTOM_FUNCTIONS = path.resolve(ROOT, "..", "shared", "fixtures", "soar-custom-functions");

let admin: Client;
let bot: Client;
let analyst: Client;
let label: string;
let templateId: number;

beforeAll(async () => {
  [admin, bot, analyst] = await Promise.all([tokenClient("administrator"), tokenClient("automation"), tokenClient("analyst")]);
  label = unique("wb-label");
  const created = await admin.call("POST", "/rest/workbook_template", {
    name: unique("Phishing response"), description: "NIST-style", labels: [label],
    phases: [
      { name: "Detect", sla: 30, tasks: [
        { name: "Triage", description: "Read the mail", is_note_required: true, sla: 15, suggestions: { playbooks: [{ playbook: "triage", scm: "local" }] } },
        { name: "Scope" },
      ] },
      { name: "Contain", tasks: [{ name: "Block sender", suggestions: { actions: [{ action: "block sender" }] } }] },
    ],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  templateId = created.body.id;
});

async function newContainer(): Promise<number> {
  const c = await bot.call("POST", "/rest/container", { name: unique("phish"), label, severity: "high" });
  expect(c.status).toBe(200);
  return c.body.id;
}

describe("workbook templates", () => {
  it("lists and reads templates and phase templates in SOAR's shapes, and refuses bad ones", async () => {
    const list = await analyst.call("GET", `/rest/workbook_template?_filter_id=${templateId}`);
    expect(list.status).toBe(200);
    expect(list.body.count).toBe(1);
    const t = list.body.data[0];
    expect(t).toMatchObject({ id: templateId, description: "NIST-style", is_default: false, is_note_required: false, status: "published", labels: [label] });
    expect(Object.keys(t)).toEqual(expect.arrayContaining(["creator", "create_time", "modified_time"]));
    expect(t.phases.map((p: { name: string; order: number }) => [p.name, p.order])).toEqual([["Detect", 1], ["Contain", 2]]);
    expect(t.phases[0].tasks[0]).toMatchObject({ name: "Triage", is_note_required: true, sla: 15, suggestions: { playbooks: [{ playbook: "triage", scm: "local" }], actions: [] } });

    const phases = await analyst.call("GET", `/rest/workbook_phase_template?_filter_template=${templateId}`);
    expect(phases.body.data.map((p: { name: string }) => p.name)).toEqual(["Detect", "Contain"]);

    expect((await analyst.call("POST", "/rest/workbook_template", { name: "nope" })).status).toBe(403);
    const noName = await admin.call("POST", "/rest/workbook_template", { phases: [] });
    expect(noName.status).toBe(400);
    expect(noName.body.message).toMatch(/name is required/);
    const dup = await admin.call("POST", "/rest/workbook_template", { name: t.name });
    expect(dup.status).toBe(409);
  });
});

describe("container workbooks", () => {
  it("applies the label's default workbook when a container is created, with task SLAs on durable clocks", async () => {
    const id = await newContainer();
    const phases = await analyst.call("GET", `/rest/container/${id}/phases`);
    expect(phases.status).toBe(200);
    expect(phases.body.data.map((p: { name: string }) => p.name)).toEqual(["Detect", "Contain"]);
    const triage = phases.body.data[0].tasks[0];
    expect(triage).toMatchObject({ container: id, phase: phases.body.data[0].id, name: "Triage", status: 0, is_note_required: true, sla: 15, owner: null, notes: [] });
    const dueIn = Date.parse(triage.due_time) - Date.now();
    expect(dueIn).toBeGreaterThan(13 * 60_000);
    expect(dueIn).toBeLessThanOrEqual(15 * 60_000);
    expect(await db.slaTimer.count({ where: { objectType: "task", objectId: triage.id, state: "running" } })).toBe(1);
    // A container of another label gets no workbook.
    const other = await bot.call("POST", "/rest/container", { name: unique("other"), label: unique("none") });
    expect((await analyst.call("GET", `/rest/workbook_phase?_filter_container=${other.body.id}`)).body.count).toBe(0);
    // By hand: a second copy of the workbook goes after the first.
    const added = await analyst.call("POST", "/rest/workbook", { container_id: other.body.id, template_id: templateId });
    expect(added.body).toEqual({ success: true, tasks: 3 });
    expect((await analyst.call("GET", `/rest/workbook_task?_filter_container=${other.body.id}`)).body.count).toBe(3);
  });

  it("moves tasks between incomplete, in progress and complete; a note-required task needs its closing note", async () => {
    const id = await newContainer();
    const tasks = (await analyst.call("GET", `/rest/workbook_task?_filter_container=${id}&sort=id&order=asc`)).body.data;
    const triage = tasks.find((t: { name: string }) => t.name === "Triage");
    const scope = tasks.find((t: { name: string }) => t.name === "Scope");

    expect((await analyst.call("POST", `/rest/workbook_task/${scope.id}`, { status: 2 })).status).toBe(200);
    expect((await analyst.call("GET", `/rest/workbook_task/${scope.id}`)).body).toMatchObject({ status: 2, start_time: expect.any(String), end_time: null });
    expect((await analyst.call("POST", `/rest/workbook_task/${scope.id}`, { status: 1 })).status).toBe(200);
    expect((await analyst.call("GET", `/rest/workbook_task/${scope.id}/`)).body).toMatchObject({ status: 1, end_time: expect.any(String) });

    const refused = await analyst.call("POST", `/rest/workbook_task/${triage.id}`, { status: 1 });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/requires a closing note/);
    expect((await analyst.call("GET", `/rest/workbook_task/${triage.id}`)).body.status).toBe(0);
    const bad = await analyst.call("POST", `/rest/workbook_task/${triage.id}`, { status: 5 });
    expect(bad.status).toBe(400);

    const done = await analyst.call("POST", `/rest/workbook_task/${triage.id}`, { status: 1, note: "Sender spoofed", title: "Closing" });
    expect(done.status).toBe(200);
    const after = (await analyst.call("GET", `/rest/workbook_task/${triage.id}`)).body;
    expect(after.status).toBe(1);
    expect(after.notes).toHaveLength(1);
    const note = (await analyst.call("GET", `/rest/note/${after.notes[0]}`)).body;
    expect(note).toMatchObject({ container: id, note_type: "task", task: triage.id, phase: triage.phase, title: "Closing", content: "Sender spoofed" });
    // Completing stops the task's clock as met.
    expect((await db.slaTimer.findFirst({ where: { objectType: "task", objectId: triage.id } }))?.state).toBe("met");
    const audit = await db.auditLog.findMany({ where: { containerId: id, objectType: "workbook_task" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => (a.detail as { status?: string }).status)).toEqual(["in progress", "complete", "complete"]);
    expect((await analyst.call("GET", `/rest/workbook_task/999999999`)).status).toBe(404);
  });

  it("runs SOAR's workbook_task_update custom function (Python) against the REST API", async () => {
    const id = await newContainer();
    const bot2 = await db.user.findUniqueOrThrow({ where: { username: bot.username } });
    const call = async (args: Record<string, unknown>) => {
      const driver = `
import json, sys
sys.path.insert(0, ${JSON.stringify(path.join(ROOT, "lib", "testing", "soar-python"))})
ns = {}
exec(open(${JSON.stringify(path.join(CUSTOM_FUNCTIONS, "workbook_task_update.py"))}).read(), ns)
try:
    print(json.dumps({"ok": ns["workbook_task_update"](**json.loads(sys.argv[1]))}))
except Exception as e:
    print(json.dumps({"error": str(e)}))
`;
      const { stdout } = await run("python3", ["-c", driver, JSON.stringify({ container: id, ...args })], {
        env: { ...process.env, VIGIL_URL: restUrl(""), VIGIL_TOKEN: bot.headers["ph-auth-token"]!, VIGIL_USER_ID: String(bot2.id), VIGIL_PLAYBOOK: "triage" },
      });
      return JSON.parse(stdout.trim().split("\n").pop()!);
    };
    // Without the closing note the function itself refuses, as it does on SOAR.
    expect((await call({ task_name: "Triage", status: "complete" })).error).toMatch(/requires a closing note/);
    // 'playbook' finds the task whose suggestions name the running playbook; 'current' is the effective user.
    expect(await call({ task_name: "playbook", status: "in_progress", owner: "current" })).toEqual({ ok: {} });
    let triage = (await bot.call("GET", `/rest/workbook_task?_filter_container=${id}&_filter_name="Triage"`)).body.data[0];
    expect(triage).toMatchObject({ status: 2, owner: bot2.id });
    expect(await call({ task_name: "Triage", status: "complete", note_title: "Done", note_content: "Reported to the user" })).toEqual({ ok: {} });
    triage = (await bot.call("GET", `/rest/workbook_task/${triage.id}`)).body;
    expect(triage.status).toBe(1);
    expect(triage.notes).toHaveLength(1);
    // A plain note on a task that needs none goes through add_note and returns its id.
    const out = await call({ task_name: "Scope", note_title: "Scope", note_content: "Two mailboxes" });
    expect(out.ok.note_id).toMatch(/^\d+$/);
    const scope = (await bot.call("GET", `/rest/workbook_task?_filter_container=${id}&_filter_name="Scope"`)).body.data[0];
    expect(scope.notes).toEqual([Number(out.ok.note_id)]);
    expect((await call({ task_name: "No such task", status: "complete" })).error).toMatch(/No task name matches/);
  });
});
