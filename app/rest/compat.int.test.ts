// The SOAR REST API as real clients use it (issue 15): the exact requests scripts written for
// Splunk SOAR send, over real HTTP against the test server.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { restUrl, tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";

let bot: Client;
let admin: Client;
let containerId: number;
let artifactId: number;

// Phantom writes times with six fractional digits: 2019-11-30T02:31:24.444543Z.
const PHANTOM_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

beforeAll(async () => {
  bot = await tokenClient("automation");
  admin = await tokenClient("administrator");
  const created = await bot.call("POST", "/rest/container", { name: "compat", artifacts: [{ name: "src", cef: { sourceAddress: "198.51.100.77" } }] });
  containerId = created.body.id;
  artifactId = created.body.new_artifact_ids[0];
});

describe("POST /rest/container_comment", () => {
  it("takes SOAR's {container, comment} as well as {container_id, comment}", async () => {
    const soar = await bot.call("POST", "/rest/container_comment", { container: containerId, comment: "from a SOAR script" });
    expect(soar.status).toBe(200);
    expect(soar.body).toEqual({ success: true, id: expect.any(Number) });
    const vigil = await bot.call("POST", "/rest/container_comment", { container_id: containerId, comment: "from Vigil's docs" });
    expect(vigil.status).toBe(200);
    const comments = await bot.call("GET", `/rest/container/${containerId}/comments`);
    expect(comments.body.data.map((c: { comment: string }) => c.comment)).toEqual(expect.arrayContaining(["from a SOAR script", "from Vigil's docs"]));
    const neither = await bot.call("POST", "/rest/container_comment", { comment: "where?" });
    expect(neither.status).toBe(400);
    expect(neither.body.message).toMatch(/container_id \(or container\) is required/);
  });
});

describe("GET /rest/note", () => {
  it("lists a container's notes by _filter_container_id or _filter_container, in Phantom's shape, and reads one", async () => {
    const other = (await bot.call("POST", "/rest/container", { name: "other notes" })).body.id;
    const note = await bot.call("POST", "/rest/note", { container_id: containerId, title: "Triage", content: "**benign**" });
    await bot.call("POST", "/rest/note", { container_id: other, title: "elsewhere", content: "x" });
    for (const filter of ["_filter_container_id", "_filter_container"]) {
      const list = await bot.call("GET", `/rest/note?${filter}=${containerId}`);
      expect(list.status, filter).toBe(200);
      expect(list.body.count).toBe(1);
      expect(list.body.data[0]).toMatchObject({ id: note.body.id, container: containerId, title: "Triage", content: "**benign**", note_type: "general", note_format: "markdown" });
    }
    const one = await bot.call("GET", `/rest/note/${note.body.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: note.body.id, title: "Triage", content: "**benign**", note_type: "general", note_format: "markdown", container: containerId });
    expect(one.body.create_time).toMatch(PHANTOM_TIME);
    const missing = await bot.call("GET", "/rest/note/999999999");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ failed: true, message: "note 999999999 does not exist" });
  });
});

describe("GET /rest/<type>/<id>/<field>", () => {
  it("answers one field of a container, artifact, indicator and note; an unknown field is a 404 naming it", async () => {
    const name = await bot.call("GET", `/rest/container/${containerId}/name`);
    expect(name.status).toBe(200);
    expect(name.body).toEqual({ name: "compat" });
    expect((await bot.call("GET", `/rest/artifact/${artifactId}/cef`)).body).toEqual({ cef: { sourceAddress: "198.51.100.77" } });
    const indicator = await db.indicator.findUniqueOrThrow({ where: { value: "198.51.100.77" } });
    expect((await bot.call("GET", `/rest/indicator/${indicator.id}/value`)).body).toEqual({ value: "198.51.100.77" });
    const note = await bot.call("POST", "/rest/note", { container_id: containerId, title: "field", content: "c" });
    expect((await bot.call("GET", `/rest/note/${note.body.id}/title`)).body).toEqual({ title: "field" });
    const unknown = await bot.call("GET", `/rest/container/${containerId}/colour`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.failed).toBe(true);
    expect(unknown.body.message).toMatch(/a container has no field "colour"/);
    // Sub-resources keep their own routes.
    const artifacts = await bot.call("GET", `/rest/container/${containerId}/artifacts`);
    expect(artifacts.body).toMatchObject({ count: 1, data: [expect.objectContaining({ id: artifactId })] });
    expect((await bot.call("GET", `/rest/container/${containerId}/notes`)).body.count).toBeGreaterThan(0);
    expect((await bot.call("GET", `/rest/container/${containerId}/pins`)).body).toEqual({ count: 0, num_pages: 0, data: [] });
  });
});

describe("unknown paths and methods", () => {
  it("answer JSON {failed, message} with 404, or 405 with an Allow header, never the console's HTML", async () => {
    for (const path of ["/rest/no_such_thing", "/rest", "/rest/", `/rest/container/${containerId}/name/deeper`, "/rest/container/abc"]) {
      const res = await fetch(restUrl(path), { headers: bot.headers });
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type"), path).toMatch(/application\/json/);
      const body = await res.json();
      expect(body.failed, path).toBe(true);
      expect(typeof body.message, path).toBe("string");
    }
    const cases: [string, string, string][] = [
      ["PUT", "/rest/container", "DELETE, GET, POST"],
      ["PATCH", `/rest/container/${containerId}`, "DELETE, GET, POST"],
      ["DELETE", `/rest/container/${containerId}/artifacts`, "GET"],
      ["POST", "/rest/version", "GET"],
      ["GET", "/rest/container_comment", "POST"],
      ["POST", `/rest/container/${containerId}/name`, "GET"],
    ];
    for (const [method, path, allow] of cases) {
      const res = await fetch(restUrl(path), { method, headers: { ...bot.headers, "content-type": "application/json" }, body: method === "GET" ? undefined : "{}" });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get("allow"), `${method} ${path}`).toBe(allow);
      expect(await res.json()).toEqual({ failed: true, message: expect.stringContaining(`${method} is not allowed`) });
    }
  });
});

describe("timestamps and ignored parameters", () => {
  it("writes every time as Phantom does, with microseconds", async () => {
    const c = await bot.call("GET", `/rest/container/${containerId}`);
    for (const k of ["create_time", "container_update_time", "start_time", "due_time"]) expect(c.body[k], k).toMatch(PHANTOM_TIME);
    const a = await bot.call("GET", `/rest/artifact/${artifactId}`);
    for (const k of ["create_time", "update_time", "start_time"]) expect(a.body[k], k).toMatch(PHANTOM_TIME);
    const list = await bot.call("GET", `/rest/container?_filter_id=${containerId}`);
    expect(list.body.data[0].create_time).toMatch(PHANTOM_TIME);
    // The audit trail needs audit.read, which automation accounts do not have.
    const audit = await admin.call("GET", `/rest/container/${containerId}/audit`);
    expect(audit.body.data[0].time).toMatch(PHANTOM_TIME);
  });

  it("accepts _annotation_* and pretty (indented JSON) without a 400", async () => {
    const res = await fetch(restUrl(`/rest/container?_annotation_authorized_users&_annotation_foo=1&pretty&_filter_id=${containerId}`), { headers: bot.headers });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('\n  "count": 1');
    const detail = await bot.call("GET", `/rest/container/${containerId}?_annotation_authorized_users=true&pretty=1`);
    expect(detail.status).toBe(200);
    expect(detail.body.id).toBe(containerId);
  });
});

describe("DELETE /rest/container", () => {
  it("deletes containers in bulk with ?ids=[..], all or nothing, with an audit row each", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await bot.call("POST", "/rest/container", { name: unique("bulk") })).body.id);
    const refused = await admin.call("DELETE", `/rest/container?ids=[${ids[0]},999999998,${ids[1]}]`);
    expect(refused.status).toBe(404);
    expect(refused.body).toEqual({ failed: true, message: "container 999999998 does not exist" });
    expect(await db.container.count({ where: { id: { in: ids } } })).toBe(3);
    // Automation accounts may not delete.
    expect((await bot.call("DELETE", `/rest/container?ids=[${ids[0]}]`)).status).toBe(403);
    expect((await admin.call("DELETE", "/rest/container?ids=oops")).status).toBe(400);
    expect((await admin.call("DELETE", "/rest/container")).status).toBe(400);

    const done = await admin.call("DELETE", `/rest/container?ids=[${ids[0]}, ${ids[1]}]`);
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ success: true, deleted: [ids[0], ids[1]] });
    expect(await db.container.count({ where: { id: { in: ids } } })).toBe(1);
    const audit = await db.auditLog.findMany({ where: { action: "container.delete", containerId: { in: ids } } });
    expect(audit.map((r) => r.containerId).sort()).toEqual([ids[0], ids[1]].sort());

    const one = await admin.call("DELETE", `/rest/container/${ids[2]}`);
    expect(one.status).toBe(200);
    expect((await admin.call("GET", `/rest/container/${ids[2]}`)).status).toBe(404);
  });
});
