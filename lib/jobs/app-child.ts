// The child process one app's code runs in (started by app-host.ts with `env: {}` plus PATH).
// It loads the app's module, runs handlers as the worker asks, and gives each run the SDK
// (lib/apps/sdk.ts): config, fetch, log, state over IPC. Nothing of Vigil is imported here
// beyond the SDK: no database, no keys, no environment.
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { AppContext, AppModule } from "../apps/sdk";
import { appFetch } from "./app-fetch";
import type { ChildMessage, Outcome, ParentMessage } from "./app-protocol";

const appDir = process.argv[2]!;
const send = (m: ChildMessage) => process.send?.(m);
const aborts = new Map<number, AbortController>();
const calls = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
let nextCall = 1;

function call(runId: number, op: "state.get" | "state.set", args: unknown[]): Promise<unknown> {
  const rid = nextCall++;
  return new Promise((resolve, reject) => {
    calls.set(rid, { resolve, reject });
    send({ t: "call", rid, id: runId, op, args });
  });
}

function logger(runId: number): AppContext["log"] {
  const at = (level: "debug" | "info" | "warn" | "error") => (message: string, detail?: Record<string, unknown>) =>
    send({ t: "log", id: runId, level, message: String(message), detail });
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

async function main() {
  const mod = (await import(pathToFileURL(path.join(appDir, "index.ts")).href)) as { default?: AppModule };
  const app = mod.default;
  if (!app || typeof app.actions !== "object") throw new Error("the app's index.ts has no default export { actions }");

  process.on("message", async (m: ParentMessage) => {
    if (m.t === "abort") {
      send({ t: "aborted", id: m.id });
      aborts.get(m.id)?.abort(new Error(m.reason));
      return;
    }
    if (m.t === "reply") {
      const pending = calls.get(m.rid);
      calls.delete(m.rid);
      if (m.error !== undefined) pending?.reject(new Error(m.error));
      else pending?.resolve(m.value);
      return;
    }
    const controller = new AbortController();
    aborts.set(m.id, controller);
    const ctx: AppContext = {
      config: Object.freeze({ ...m.config }),
      log: logger(m.id),
      fetch: (url, init) => appFetch(controller.signal, url, { timeoutMs: m.timeoutMs, ...init }),
      idempotencyKey: m.idempotencyKey,
      state: {
        get: async <T>() => (await call(m.id, "state.get", [])) as T | undefined,
        set: async (value: unknown) => void (await call(m.id, "state.set", [value])),
      },
      vault: {
        read: () => Promise.reject(new Error("the vault is not available to apps yet")),
        add: () => Promise.reject(new Error("the vault is not available to apps yet")),
      },
      signal: controller.signal,
    };
    let outcome: Outcome;
    try {
      const handler = app.actions[m.identifier];
      if (!handler) throw new Error(`the app has no handler for action "${m.identifier}"`);
      const result = await handler(ctx, m.parameter);
      outcome = { kind: "result", result: { status: result.status === "success" ? "success" : "failed", message: String(result.message ?? ""), data: result.data ?? [], summary: result.summary ?? {} } };
    } catch (err) {
      const transient = (err as Error)?.name === "TransientError";
      outcome = transient
        ? { kind: "transient", message: describe(err), retryAfterMs: (err as { retryAfterMs?: number }).retryAfterMs }
        : { kind: "error", message: describe(err) };
    }
    aborts.delete(m.id);
    send({ t: "done", id: m.id, outcome });
  });
  send({ t: "ready", actions: Object.keys(app.actions) });
}

main().catch((err) => {
  send({ t: "fatal", message: describe(err) });
  process.exit(1);
});
