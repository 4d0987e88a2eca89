// The child process one app's code runs in (started by app-host.ts with `env: {}` plus PATH).
// It loads the app's module, runs handlers as the worker asks, and gives each run the SDK
// (lib/apps/sdk.ts): config, fetch, log, and state, vault and saveContainer over IPC. Nothing of Vigil is imported here
// beyond the SDK: no database, no keys, no environment.
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { AppContext, AppModule, SavedContainer, VaultAdded, VaultInfo } from "../apps/sdk";
import { assetFetch } from "./app-fetch";
import type { ListsCapability } from "../apps/builtin/custom-lists/capability";
import type { CallOp, ChildMessage, Outcome, ParentMessage } from "./app-protocol";

const appDir = process.argv[2]!;
const send = (m: ChildMessage) => process.send?.(m);
const aborts = new Map<number, AbortController>();
const calls = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
let nextCall = 1;

function call(runId: number, op: CallOp, args: unknown[]): Promise<unknown> {
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
  // Built-in apps are TypeScript; installed ones are a JavaScript bundle.
  const entry = existsSync(path.join(appDir, "index.ts")) ? "index.ts" : "index.js";
  const mod = (await import(pathToFileURL(path.join(appDir, entry)).href)) as { default?: AppModule & { default?: AppModule } };
  // A CommonJS bundle's `module.exports = { default }` arrives one level deeper.
  const app = mod.default?.actions ? mod.default : mod.default?.default;
  if (!app || typeof app.actions !== "object") throw new Error(`the app's ${entry} has no default export { actions }`);

  process.on("message", async (m: ParentMessage) => {
    if (m.t === "abort") {
      send({ t: "aborted", id: m.id });
      aborts.get(m.id)?.abort(new Error(m.reason));
      return;
    }
    if (m.t === "reply") {
      const pending = calls.get(m.rid);
      calls.delete(m.rid);
      if (m.error !== undefined) pending?.reject(Object.assign(new Error(m.error), m.kind ? { kind: m.kind } : {}));
      else pending?.resolve(m.value);
      return;
    }
    const controller = new AbortController();
    aborts.set(m.id, controller);
    // Vigil's custom lists, served by the worker on behalf of the run's actor; the worker
    // refuses these calls from any app but the custom lists app.
    const lists: ListsCapability = {
      find: async (list, value, opts) => (await call(m.id, "lists.find", [list, value, opts])) as Awaited<ReturnType<ListsCapability["find"]>>,
      append: async (list, rows, opts) => (await call(m.id, "lists.append", [list, rows, opts])) as Awaited<ReturnType<ListsCapability["append"]>>,
      remove: async (list, value, opts) => (await call(m.id, "lists.remove", [list, value, opts])) as Awaited<ReturnType<ListsCapability["remove"]>>,
    };
    const deadline = Date.now() + m.timeoutMs;
    const config = Object.freeze({ ...m.config });
    const ctx: AppContext & { lists: ListsCapability } = {
      config,
      asset: Object.freeze({ ...m.asset }),
      container: m.container,
      log: logger(m.id),
      fetch: assetFetch(config, controller.signal, deadline),
      idempotencyKey: m.idempotencyKey,
      state: {
        get: async <T>() => (await call(m.id, "state.get", [])) as T | undefined,
        set: async (value: unknown) => void (await call(m.id, "state.set", [value])),
      },
      vault: {
        read: async (vaultId) => (await call(m.id, "vault.read", [vaultId])) as Uint8Array,
        info: async (vaultId) => (await call(m.id, "vault.info", [vaultId])) as VaultInfo,
        add: async (container, name, content, opts) => (await call(m.id, "vault.add", [container, name, content, opts ?? {}])) as VaultAdded,
      },
      ...(m.ingest ? { saveContainer: async (container) => (await call(m.id, "container.save", [container])) as SavedContainer } : {}),
      signal: controller.signal,
      lists,
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
