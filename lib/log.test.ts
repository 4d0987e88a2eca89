import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./log";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { logger: createLogger(stream), lines };
}

describe("log", () => {
  it("writes one JSON object per line with the request id", () => {
    const { logger, lines } = capture();
    logger.info({ requestId: "r-1", path: "/rest/container" }, "request");
    expect(lines[0]).toMatchObject({ level: 30, service: "vigil", requestId: "r-1", msg: "request" });
    expect(typeof lines[0]!.time).toBe("string");
  });

  it("never writes passwords, tokens or auth headers", () => {
    const { logger, lines } = capture();
    logger.info({
      password: "hunter2",
      user: { password: "hunter3", passwordHash: "scrypt$x" },
      token: "vgl_secret",
      headers: { "ph-auth-token": "vgl_header", authorization: "Basic abc", cookie: "session=1" },
    }, "sign in");
    const text = JSON.stringify(lines);
    for (const secret of ["hunter2", "hunter3", "scrypt$x", "vgl_secret", "vgl_header", "Basic abc", "session=1"]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain("[redacted]");
  });
});
