import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { noteDbError } from "../db/transient";
import { withDbFaultStatus } from "./db-fault";

let server: http.Server | undefined;

afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A real server whose handler (standing in for Next.js) fails the way `fail` says. */
async function answer(fail: (res: http.ServerResponse) => Promise<void>): Promise<Response> {
  server = http.createServer((_req, res) => void withDbFaultStatus(res, () => fail(res)));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
}

describe("a 500 caused by a database fault", () => {
  it("becomes a 503 with Retry-After when a query of this request met a restarting database", async () => {
    const res = await answer(async (res) => {
      await Promise.resolve();
      noteDbError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5433"), { code: "ECONNREFUSED" }));
      res.statusCode = 500;
      res.end("error page");
    });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("2");
  });

  it("stays a 500 when the error was a bug, and other answers are untouched", async () => {
    const bug = await answer(async (res) => {
      noteDbError(new TypeError("x is undefined"));
      res.writeHead(500, { "content-type": "text/plain" }).end();
    });
    expect(bug.status).toBe(500);
    server!.close();
    const fine = await answer(async (res) => void res.writeHead(404).end());
    expect(fine.status).toBe(404);
  });
});
