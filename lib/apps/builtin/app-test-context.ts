// An AppContext for unit tests of built-in apps: the fetch apps run with (lib/jobs/app-fetch.ts), an in-memory state and
// vault, and a logger that keeps its lines so a test can read them. No mock of the protocol the
// app speaks: tests point the app at a real server on loopback.
import type { AppContext } from "@/lib/apps/sdk";
import { assetFetch } from "@/lib/jobs/app-fetch";

export interface TestContext extends AppContext {
  readonly lines: { level: string; message: string }[];
}

export function testContext(config: Record<string, unknown> = {}, signal = new AbortController().signal): TestContext {
  const lines: { level: string; message: string }[] = [];
  const log = (level: string) => (message: string) => void lines.push({ level, message });
  let state: unknown;
  return {
    config,
    asset: { id: 1, name: "test asset" },
    lines,
    log: { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") },
    fetch: assetFetch(config, signal, Date.now() + 120_000),
    idempotencyKey: "test-run-1",
    state: {
      get: async <T,>() => state as T | undefined,
      set: async (value: unknown) => void (state = value),
    },
    vault: {
      read: async () => { throw new Error("no vault in unit tests"); },
      add: async () => { throw new Error("no vault in unit tests"); },
    },
    signal,
  };
}
