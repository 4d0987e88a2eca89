// Helpers for tests of apps and the job runner: a real node:http server on loopback, and
// running an action through the whole path (POST /rest/action_run -> worker -> the app's child
// process -> GET /rest/app_run) and waiting for its result.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Client } from "../rest/rest-test-kit";

export interface TestServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startHttpServer(handler: http.RequestListener): Promise<TestServer> {
  const server = http.createServer(handler);
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 30_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

/** Runs `action` on `assets` and resolves with the finished action run and its app runs (with result_data). */
export async function runAction(client: Client, body: { action: string; container_id: number; targets: Loose[]; name?: string }, timeoutMs = 30_000) {
  const created = await client.call("POST", "/rest/action_run", body);
  if (created.status !== 200) throw new Error(`POST /rest/action_run answered ${created.status}: ${JSON.stringify(created.body)}`);
  const id: number = created.body.action_run_id;
  const actionRun = await waitFor(`action run ${id} to finish`, async () => {
    const r = await client.call("GET", `/rest/action_run/${id}`);
    return ["success", "failed", "partial", "cancelled"].includes(r.body.status) ? r.body : null;
  }, timeoutMs);
  const list = await client.call("GET", `/rest/app_run?_filter_action_run=${id}&page_size=0&sort=id&order=asc`);
  const appRuns: Loose[] = [];
  for (const row of list.body.data) appRuns.push((await client.call("GET", `/rest/app_run/${row.id}`)).body);
  return { id, actionRun, appRuns };
}
