// Playbooks and runs through REST (/rest/playbook, /rest/playbook_run) against a real `vigil
// start`, whose worker runs the engine.
import { beforeAll, describe, expect, it } from "vitest";
import { tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";

let admin: Client;
let bot: Client;
let observer: Client;

beforeAll(async () => {
  admin = await tokenClient("administrator");
  bot = await tokenClient("automation");
  observer = await tokenClient("observer");
});

const noteGraph = {
  nodes: {
    "0": { id: "0", type: "start", data: { type: "start" } },
    "2": { id: "2", type: "format", data: { type: "format", name: "f", template: "ips: {0}", parameters: ["artifact:*.cef.sourceAddress"] } },
    "3": { id: "3", type: "utility", data: { type: "utility", utility: "add_note", values: { title: "from REST", content: "f:formatted_data" } } },
    "1": { id: "1", type: "end", data: { type: "end" } },
  },
  edges: [{ source: "0", target: "2" }, { source: "2", target: "3" }, { source: "3", target: "1" }],
};

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await fn();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("timed out");
}

describe("/rest/playbook and /rest/playbook_run", () => {
  it("creates a playbook, runs it by id and by repo/name, reads the run and its log", async () => {
    const name = unique("rest playbook");
    const created = await admin.call("POST", "/rest/playbook", { name, graph: noteGraph });
    expect(created).toEqual({ status: 200, body: { success: true, id: expect.any(Number), version: 1 } });
    expect((await bot.call("POST", "/rest/playbook", { name: unique("x"), graph: noteGraph })).status).toBe(403);
    const read = await observer.call("GET", `/rest/playbook/${created.body.id}`);
    expect(read.body).toMatchObject({ id: created.body.id, name, scm: "local", active: false, labels: ["*"], graph: noteGraph });
    expect((await admin.call("POST", `/rest/playbook/${created.body.id}`, { active: true })).body).toMatchObject({ active: true });
    expect((await admin.call("POST", `/rest/playbook/${created.body.id}`, { active: false })).body).toMatchObject({ active: false });

    const container = await bot.call("POST", "/rest/container", { name: unique("run target"), label: "rest_pb", artifacts: [{ name: "a", cef: { sourceAddress: "9.9.9.9" } }] });
    const containerId = container.body.id as number;
    const started = await bot.call("POST", "/rest/playbook_run", { container_id: containerId, playbook_id: created.body.id, scope: "all", run: true });
    expect(started).toEqual({ status: 200, body: { received: true, playbook_run_id: expect.any(Number) } });
    const run = await until(() => observer.call("GET", `/rest/playbook_run/${started.body.playbook_run_id}`), (r) => r.body.status !== "running");
    expect(run.body).toMatchObject({ id: started.body.playbook_run_id, status: "success", container: containerId, playbook: created.body.id, misc: { scope: "all", parent_playbook_run: null }, log: `/rest/playbook_run/${started.body.playbook_run_id}/log` });
    const log = await observer.call("GET", run.body.log);
    expect(log.body.data.map((l: { message: string }) => l.message)).toContain("f (format) succeeded");
    const notes = await observer.call("GET", `/rest/container/${containerId}/notes`);
    expect(notes.body.data.map((n: { content: string }) => n.content)).toEqual(["ips: 9.9.9.9"]);

    const byName = await bot.call("POST", "/rest/playbook_run", { container_id: containerId, playbook_id: `local/${name}` });
    expect(byName.body.received).toBe(true);
    const list = await observer.call("GET", `/rest/playbook_run?_filter_container=${containerId}`);
    expect(list.body.count).toBe(2);
  });

  it("cancels a waiting run and refuses bad requests with clear messages", async () => {
    const prompt = {
      nodes: {
        "0": { id: "0", type: "start", data: { type: "start" } },
        "2": { id: "2", type: "prompt", data: { type: "prompt", approver: { role: "analyst" }, message: "ok?", responses: [{ prompt: "ok?", type: "yes/no" }] } },
        "1": { id: "1", type: "end", data: { type: "end" } },
      },
      edges: [{ source: "0", target: "2" }, { source: "2", target: "1" }],
    };
    const pb = (await admin.call("POST", "/rest/playbook", { name: unique("waits"), graph: prompt })).body.id;
    const container = (await bot.call("POST", "/rest/container", { name: unique("cancel target"), label: "rest_pb" })).body.id;
    const id = (await bot.call("POST", "/rest/playbook_run", { container_id: container, playbook_id: pb })).body.playbook_run_id;
    expect((await bot.call("POST", `/rest/playbook_run/${id}`, { cancel: true })).body).toMatchObject({ success: true, status: "cancelled" });
    expect((await observer.call("GET", `/rest/playbook_run/${id}`)).body).toMatchObject({ status: "cancelled", message: expect.stringMatching(/^cancelled by /) });
    expect(await bot.call("POST", `/rest/playbook_run/${id}`, { cancel: true })).toMatchObject({ status: 409, body: { failed: true, message: expect.stringMatching(/not running/) } });

    expect(await bot.call("POST", "/rest/playbook_run", { container_id: container, playbook_id: 999999999 })).toMatchObject({ status: 404, body: { message: "playbook 999999999 does not exist" } });
    expect(await bot.call("POST", "/rest/playbook_run", { container_id: 999999999, playbook_id: pb })).toMatchObject({ status: 400, body: { message: expect.stringMatching(/container 999999999 does not exist/) } });
    expect(await bot.call("POST", "/rest/playbook_run", { container_id: container, playbook_id: pb, inputs: { x: 1 } })).toMatchObject({ status: 400, body: { message: "inputs: only input playbooks take inputs" } });
    expect(await bot.call("POST", "/rest/playbook_run", { container_id: container, playbook_id: "no-slash" })).toMatchObject({ status: 400 });
    const badGraph = { nodes: { "1": { id: "1", type: "end", data: { type: "end" } } }, edges: [] };
    expect(await admin.call("POST", "/rest/playbook", { name: unique("bad"), graph: badGraph })).toMatchObject({ status: 400, body: { message: "graph: a playbook needs a start block" } });
    expect(await admin.call("GET", "/rest/playbook_run/999999999")).toMatchObject({ status: 404 });
  });

  it("schedules a playbook on a container with cron, pauses and deletes the schedule, refuses bad ones in words", async () => {
    const pb = (await admin.call("POST", "/rest/playbook", { name: unique("scheduled"), graph: noteGraph, active: true, labels: ["no_such_label"] })).body.id;
    const container = (await bot.call("POST", "/rest/container", { name: unique("schedule target"), label: "rest_pb", artifacts: [{ name: "a", cef: { sourceAddress: "7.7.7.7" } }] })).body.id;
    const body = { playbook_id: pb, container_id: container, cron: "* * * * * *" };
    expect((await bot.call("POST", "/rest/playbook_schedule", body)).status).toBe(403);
    const created = await admin.call("POST", "/rest/playbook_schedule", body);
    expect(created).toEqual({ status: 200, body: { success: true, id: expect.any(Number), next_run: expect.any(String) } });
    const ran = await until(() => observer.call("GET", `/rest/playbook_schedule/${created.body.id}`), (r) => r.body.last_playbook_run !== null);
    expect(ran.body).toMatchObject({ playbook: pb, container, cron: "* * * * * *", timezone: "UTC", scope: "new", active: true });
    const run = await until(() => observer.call("GET", `/rest/playbook_run/${ran.body.last_playbook_run}`), (r) => r.body.status !== "running");
    expect(run.body).toMatchObject({ status: "success", container, effective_user: expect.stringMatching(new RegExp(`^schedule #${created.body.id} `)) });
    expect((await admin.call("POST", `/rest/playbook_schedule/${created.body.id}`, { active: false })).body).toMatchObject({ success: true, active: false });
    expect((await observer.call("GET", `/rest/playbook_schedule?container=${container}`)).body).toMatchObject({ count: 1, data: [{ id: created.body.id, active: false }] });
    expect((await admin.call("DELETE", `/rest/playbook_schedule/${created.body.id}`)).body).toEqual({ success: true });
    expect((await observer.call("GET", `/rest/playbook_schedule/${created.body.id}`)).status).toBe(404);

    expect(await admin.call("POST", "/rest/playbook_schedule", { ...body, cron: "every day" })).toMatchObject({ status: 400, body: { failed: true, message: expect.stringMatching(/^cron: /) } });
    expect(await admin.call("POST", "/rest/playbook_schedule", { ...body, timezone: "Nowhere/City" })).toMatchObject({ status: 400, body: { message: 'timezone: "Nowhere/City" is not an IANA time zone (such as Europe/Berlin)' } });
    expect(await admin.call("POST", "/rest/playbook_schedule", { ...body, playbook_id: 999999999 })).toMatchObject({ status: 404, body: { message: "playbook 999999999 does not exist" } });
  });
});
