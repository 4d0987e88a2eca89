// An app's code runs in its own child process with an empty environment: a crashing, hanging or
// leaking app fails its own runs and the worker carries on (the next run gets a fresh process).
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppHost } from "./app-host";

const SDK = path.resolve(import.meta.dirname, "..", "apps", "sdk.ts");
let host: AppHost;
const hooks = { log: () => {}, call: async () => null };
let next = 1;
const run = (identifier: string, timeoutMs = 10_000) =>
  host.run({ id: next++, identifier, config: { base_url: "x" }, asset: { id: 1, name: "a" }, ingest: false, parameter: {}, idempotencyKey: "k", timeoutMs }, hooks);

beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "vigil-app-"));
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "index.ts"), `
import { success, TransientError } from ${JSON.stringify(SDK)};
const hog: unknown[] = [];
export default { actions: {
  env: async () => success("env", [{ keys: Object.keys(process.env) }]),
  ok: async (ctx) => success("fine", [{ key: ctx.idempotencyKey, base: ctx.config.base_url }]),
  transient: async () => { throw new TransientError("try later", 1500); },
  crash: async () => { setTimeout(() => process.exit(3), 10); return new Promise(() => {}); },
  spin: async () => { for (;;) {} },
  leak: async () => { for (;;) hog.push(new Array(1_000_000).fill(Math.random())); },
} };
`);
  process.env.VIGIL_APP_HEAP_MB = "64";
  host = new AppHost(dir, "test");
});
afterAll(() => host?.kill());

describe("app child processes", () => {
  it("runs a handler with the SDK and sees none of Vigil's environment", async () => {
    process.env.DATABASE_URL ??= "postgres://secret";
    expect(await run("ok")).toEqual({ kind: "result", result: { status: "success", message: "fine", data: [{ key: "k", base: "x" }], summary: {} } });
    const env = await run("env");
    expect(env.kind === "result" && env.result.data[0]!.keys).toEqual(expect.not.arrayContaining(["DATABASE_URL", "VIGIL_SECRET_KEY", "AUTH_SECRET"]));
  });

  it("passes TransientError through with its retry hint, and unknown actions fail clearly", async () => {
    expect(await run("transient")).toEqual({ kind: "transient", message: "try later", retryAfterMs: 1500 });
    expect(await run("nope")).toEqual({ kind: "error", message: 'the app has no handler for action "nope"' });
  });

  it("a crashing app fails its in-flight run; the next run gets a fresh process", async () => {
    const outcome = await run("crash");
    expect(outcome).toEqual({ kind: "error", message: expect.stringMatching(/^the test app's process exited \(code 3\) while this run was in flight/) });
    expect((await run("ok")).kind).toBe("result");
  });

  it("a spinning handler that ignores abort gets its process killed", async () => {
    const spinning = run("spin");
    await new Promise((r) => setTimeout(r, 500));
    host.abort(next - 1, "timed out after 1 s", 1000);
    expect(await spinning).toEqual({ kind: "error", message: expect.stringContaining("exited (SIGKILL)") });
    expect((await run("ok")).kind).toBe("result");
  }, 20_000);

  it("a leaking app runs out of its heap and fails alone", async () => {
    const outcome = await run("leak");
    expect(outcome.kind).toBe("error");
    expect((await run("ok")).kind).toBe("result");
  }, 60_000);
});
