import { inject, describe, expect, it } from "vitest";

describe("/api/health", () => {
  it("reports the database and the worker up", async () => {
    const res = await fetch(`${inject("vigilUrl")}/api/health`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe("ok");
    expect(body.database.up).toBe(true);
    expect(body.worker.up).toBe(true);
    expect(body.worker.nodes.length).toBeGreaterThanOrEqual(1);
  });

  it("gives every response a request id, and echoes a well-formed one", async () => {
    const res = await fetch(`${inject("vigilUrl")}/api/health`, { headers: { "x-request-id": "trace-123" } });
    expect(res.headers.get("x-request-id")).toBe("trace-123");
    const other = await fetch(`${inject("vigilUrl")}/api/health`, { headers: { "x-request-id": "bad id with spaces" } });
    expect(other.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
