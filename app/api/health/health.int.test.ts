import { beforeAll, describe, expect, inject, it } from "vitest";
import { createUser } from "@/lib/domain/users";
import { SYSTEM } from "@/lib/domain/actor";
import { tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";
import { signInCookie } from "@/lib/testing/session";
import { VERSION } from "@/lib/version";

const url = () => `${inject("vigilUrl")}/api/health`;
let observer: Client;

beforeAll(async () => {
  observer = await tokenClient("observer");
});

describe("/api/health", () => {
  it("tells an anonymous load balancer only whether Vigil is up", async () => {
    const res = await fetch(url());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: { up: true }, worker: { up: true } });
  });

  it("shows the version and the worker nodes to an API token", async () => {
    const res = await fetch(url(), { headers: observer.headers });
    const body = await res.json();
    expect(body.status).toBe("ok");
    expect(body.version).toBe(VERSION);
    expect(body.database).toMatchObject({ up: true, latencyMs: expect.any(Number) });
    expect(body.worker.up).toBe(true);
    expect(body.worker.nodes.length).toBeGreaterThanOrEqual(1);
    expect(body.worker.nodes[0]).toMatchObject({ id: expect.any(String), hostname: expect.any(String) });
  });

  it("shows the details to a signed-in console user, and not to a bad token", async () => {
    const username = unique("health");
    await createUser({ username, role: "observer", password: "correct horse battery" }, SYSTEM);
    const cookie = await signInCookie(inject("vigilUrl"), username, "correct horse battery");
    const body = await (await fetch(url(), { headers: { cookie } })).json();
    expect(body.version).toBe(VERSION);
    expect(body.worker.nodes.length).toBeGreaterThanOrEqual(1);
    const forged = await (await fetch(url(), { headers: { "ph-auth-token": "not-a-token" } })).json();
    expect(forged).toEqual({ status: "ok", database: { up: true }, worker: { up: true } });
  });

  it("gives every response a request id, and echoes a well-formed one", async () => {
    const res = await fetch(url(), { headers: { "x-request-id": "trace-123" } });
    expect(res.headers.get("x-request-id")).toBe("trace-123");
    const other = await fetch(url(), { headers: { "x-request-id": "bad id with spaces" } });
    expect(other.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
