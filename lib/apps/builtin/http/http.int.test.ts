// The HTTP app through the whole path: POST /rest/action_run -> the worker of the running
// `vigil start` -> the app's child process -> a real node:http server on loopback -> result via
// GET /rest/app_run. Failure paths give a failed result with a clear message.
import type http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectPhantomShape, fixture, tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";
import { freePort } from "@/lib/testing/ports";
import { readBody, runAction, startHttpServer, type TestServer } from "@/lib/testing/action-kit";

let admin: Client;
let analyst: Client;
let server: TestServer;
let containerId: number;
const flakyHits = new Map<string, number>();

async function handler(req: http.IncomingMessage, res: http.ServerResponse) {
  const body = await readBody(req);
  const url = new URL(req.url ?? "/", "http://x");
  const key = String(req.headers["idempotency-key"] ?? "");
  const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(value));
  };
  if (url.pathname === "/echo") return json(200, { method: req.method, body, query: url.search, idempotency_key: key, custom: req.headers["x-custom"] ?? null });
  if (url.pathname === "/text") {
    res.writeHead(200, { "content-type": "text/plain", "x-served-by": "test" });
    return res.end("plain words");
  }
  if (url.pathname === "/auth") {
    const token = req.headers["x-api-key"];
    const basic = req.headers.authorization === `Basic ${Buffer.from("alice:opensesame").toString("base64")}`;
    return token === "tok-123" || basic ? json(200, { ok: true }) : json(401, { error: "bad credentials" });
  }
  if (url.pathname === "/missing") return json(404, { error: "no such thing" });
  if (url.pathname === "/boom") return json(500, { error: "kaboom" });
  if (url.pathname === "/flaky") {
    const n = (flakyHits.get(key) ?? 0) + 1;
    flakyHits.set(key, n);
    return n === 1 ? json(503, { error: "busy" }, { "retry-after": "0" }) : json(200, { attempt: n });
  }
  if (url.pathname === "/hang") return; // never answers
  json(404, {});
}

async function asset(configuration: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const name = unique("http");
  const created = await admin.call("POST", "/rest/asset", { name, product_vendor: "Generic", product_name: "HTTP", configuration, ...extra });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  return name;
}

const one = async (assetName: string, action: string, parameters: Record<string, unknown>, client = admin) => {
  const { actionRun, appRuns } = await runAction(client, { action, container_id: containerId, targets: [{ assets: [assetName], parameters: [parameters] }] });
  expect(appRuns).toHaveLength(1);
  return { actionRun, appRun: appRuns[0], result: appRuns[0].result_data[0] };
};

beforeAll(async () => {
  admin = await tokenClient("administrator");
  analyst = await tokenClient("analyst");
  server = await startHttpServer((req, res) => void handler(req, res));
  containerId = (await admin.call("POST", "/rest/container", { name: "http app tests" })).body.id;
});
afterAll(async () => server?.close());

describe("the HTTP app", () => {
  it("is installed from its manifest and listed in Phantom's app shape with its actions", async () => {
    const list = await admin.call("GET", `/rest/app?_filter_name="HTTP"`);
    expect(list.body.count).toBe(1);
    const app = (await admin.call("GET", `/rest/app/${list.body.data[0].id}`)).body;
    expectPhantomShape(app, fixture("Phantom_app"), "app detail");
    expect(app).toMatchObject({ name: "HTTP", product_vendor: "Generic", disabled: false, error: null });
    expect(app.actions.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(["get data", "post data", "put data", "patch data", "delete data", "get headers", "test connectivity"]));
  });

  it("get data: SOAR's data paths, and the run in Phantom's action_run and app_run shapes", async () => {
    const name = await asset({ base_url: `${server.url}/` });
    const { actionRun, appRun, result } = await one(name, "get data", { location: "/echo?x=1", headers: '{"X-Custom": "yes"}' });
    expectPhantomShape(actionRun, fixture("Phantom_action_run"), "action_run detail");
    expectPhantomShape(appRun, fixture("Phantom_app_run"), "app_run detail");
    expect(actionRun).toMatchObject({ status: "success", action: "get data", container: containerId, message: "1 action succeeded", type: "investigate" });
    expect(appRun).toMatchObject({ status: "success", app_name: "HTTP", result_summary: { total_objects: 1, total_objects_successful: 1 } });
    expect(result).toMatchObject({
      status: "success",
      message: "Status code: 200, Reason: OK",
      parameter: { location: "/echo?x=1" },
      summary: { status_code: 200, reason: "OK" },
    });
    expect(result.data[0]).toMatchObject({ location: `${server.url}/echo?x=1`, method: "GET", parsed_response_body: { method: "GET", query: "?x=1", custom: "yes" } });
    expect(result.data[0].parsed_response_body.idempotency_key).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.data[0].response_headers["content-type"]).toBe("application/json");
    expect(appRun.message).toContain(`on asset '${name}': 1 action succeeded`);

    const list = await admin.call("GET", `/rest/app_run?_filter_action_run=${actionRun.id}`);
    expectPhantomShape(list.body.data[0], fixture("Phantom_app_runs").data[0], "app_run list row");
    const runs = await admin.call("GET", `/rest/action_run?_filter_container=${containerId}`);
    expectPhantomShape(runs.body.data[0], fixture("Phantom_action_runs").data[0], "action_run list row");
  });

  it("post, put, patch and delete data send the body; get headers and text bodies work", async () => {
    const name = await asset({ base_url: server.url });
    for (const [action, method] of [["post data", "POST"], ["put data", "PUT"], ["patch data", "PATCH"], ["delete data", "DELETE"]]) {
      const { result } = await one(name, action!, { location: "echo", body: `{"n": "${method}"}` });
      expect(result.status, action).toBe("success");
      expect(result.data[0].parsed_response_body).toMatchObject({ method, body: `{"n": "${method}"}` });
    }
    const head = await one(name, "get headers", { location: "/text" });
    expect(head.result.data[0]).toMatchObject({ method: "HEAD", response_headers: { "x-served-by": "test" } });
    const text = await one(name, "get data", { location: "/text" });
    expect(text.result.data[0]).toMatchObject({ response_body: "plain words", parsed_response_body: "plain words" });
  });

  it("token header and basic auth; wrong credentials fail with a clear message", async () => {
    const token = await asset({ base_url: server.url, auth_token_name: "X-API-Key", auth_token: "tok-123" });
    expect((await one(token, "get data", { location: "/auth" })).result.status).toBe("success");
    const basic = await asset({ base_url: server.url, username: "alice", password: "opensesame" });
    expect((await one(basic, "get data", { location: "/auth" })).result.status).toBe("success");
    const wrong = await asset({ base_url: server.url, username: "alice", password: "guess" });
    const { actionRun, result } = await one(wrong, "get data", { location: "/auth" });
    expect(actionRun.status).toBe("failed");
    expect(result.status).toBe("failed");
    expect(result.message).toMatch(/^Status code: 401, Reason: Unauthorized: the server refused the asset's credentials/);
    expect(result.summary).toEqual({ status_code: 401, reason: "Unauthorized" });
  });

  it("test connectivity uses test_path", async () => {
    const good = await asset({ base_url: server.url, test_path: "/echo" });
    expect((await one(good, "test connectivity", {})).result).toMatchObject({ status: "success", message: "Test Connectivity Passed" });
    const bad = await asset({ base_url: server.url, test_path: "/missing" });
    expect((await one(bad, "test connectivity", {})).result.message).toMatch(/^Test Connectivity Failed\. Status code: 404/);
  });

  it("4xx fails at once; 5xx and refused connections are retried with backoff and then fail with the reason", async () => {
    const name = await asset({ base_url: server.url });
    const missing = await one(name, "get data", { location: "/missing" });
    expect(missing.result.message).toMatch(/^Status code: 404, Reason: Not Found/);
    expect(missing.appRun).toMatchObject({ attempt: 1, exception_occured: false });

    const boom = await one(name, "get data", { location: "/boom" });
    expect(boom.appRun).toMatchObject({ status: "failed", attempt: 3 });
    expect(boom.result.message).toMatch(/^Status code: 500, Reason: Internal Server Error from .*\/boom \(gave up after 3 attempts\)$/);

    const closed = await asset({ base_url: `http://127.0.0.1:${await freePort()}` });
    const refused = await one(closed, "get data", { location: "/x" });
    expect(refused.appRun).toMatchObject({ status: "failed", attempt: 3, exception_occured: true });
    expect(refused.result.message).toMatch(/^connection refused by http:\/\/127\.0\.0\.1:\d+\/x \(gave up after 3 attempts\)$/);
  });

  it("a 503 with Retry-After is retried with the same idempotency key and then succeeds", async () => {
    const name = await asset({ base_url: server.url });
    const { appRun, result } = await one(name, "get data", { location: "/flaky" });
    expect(appRun).toMatchObject({ status: "success", attempt: 2 });
    expect(result.data[0].parsed_response_body).toEqual({ attempt: 2 });
  });

  it("a hung request is failed by Vigil's timeout with 'timed out after N s'", async () => {
    const name = await asset({ base_url: server.url }, { timeout_seconds: 2 });
    const started = Date.now();
    const { appRun, result } = await one(name, "get data", { location: "/hang" });
    expect(appRun.status).toBe("failed");
    expect(result.message).toBe("timed out after 2 s");
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("bad requests are refused with the field at fault; analysts run actions but cannot manage assets", async () => {
    const name = await asset({ base_url: server.url });
    const call = (body: unknown) => admin.call("POST", "/rest/action_run", body);
    const base = { action: "get data", container_id: containerId, targets: [{ assets: [name], parameters: [{ location: "/echo" }] }] };
    expect((await call({ ...base, action: "launch missiles" })).body.message).toMatch(/^action: the HTTP app .* has no action "launch missiles"/);
    expect((await call({ ...base, targets: [{ assets: [name], parameters: [{}] }] })).body.message).toBe('targets[0].parameters[0].location: required by "get data"');
    expect((await call({ ...base, targets: [{ assets: [name], parameters: [{ location: 5 }] }] })).body.message).toBe("targets[0].parameters[0].location: expected text");
    expect((await call({ ...base, targets: [{ assets: ["nope"], parameters: [{ location: "/" }] }] })).body.message).toBe('targets[0].assets[0]: no asset "nope"');
    expect((await call({ ...base, container_id: 99999999 })).status).toBe(400);
    expect((await admin.call("POST", "/rest/asset", { name: unique("x"), product_vendor: "Generic", product_name: "HTTP", configuration: { base_url: 1 } })).body.message).toBe("configuration.base_url: expected text");
    expect((await admin.call("POST", "/rest/asset", { name: unique("x"), product_vendor: "Generic", product_name: "HTTP", configuration: {} })).body.message).toBe("configuration.base_url: required by the HTTP app");
    expect((await admin.call("POST", "/rest/asset", { name, product_vendor: "Generic", product_name: "HTTP", configuration: { base_url: "x" } })).status).toBe(409);

    expect((await analyst.call("POST", "/rest/asset", { name: unique("x"), product_vendor: "Generic", product_name: "HTTP", configuration: { base_url: "x" } })).status).toBe(403);
    expect((await one(name, "get data", { location: "/echo" }, analyst)).result.status).toBe("success");
  });

  it("every app run shows in the container's activity timeline", async () => {
    const { containerTimeline } = await import("@/lib/domain/investigation");
    const timeline = await containerTimeline(containerId, 500);
    expect(timeline.some((e) => e.action === "app_run.success" && /^get data on asset "http-[^"]+": success \(Status code: 200/.test(e.text))).toBe(true);
    expect(timeline.some((e) => e.action === "app_run.failed" && e.text.includes("timed out after 2 s"))).toBe(true);
    expect(timeline.some((e) => e.action === "action_run.create")).toBe(true);
  });
});
