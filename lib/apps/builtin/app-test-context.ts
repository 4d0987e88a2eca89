// An AppContext for unit tests of built-in apps: the fetch apps run with (lib/jobs/app-fetch.ts), an in-memory state and
// vault, and a logger that keeps its lines so a test can read them. No mock of the protocol the
// app speaks: tests point the app at a real server on loopback.
import { createHash } from "node:crypto";
import type { AppContext } from "@/lib/apps/sdk";
import { assetFetch } from "@/lib/jobs/app-fetch";

export interface TestContext extends AppContext {
  readonly lines: { level: string; message: string }[];
  /** What `vault.add` stored, by vault id (SHA-256), with the container and name it was given. */
  readonly files: Map<string, { container: number; name: string; content: Buffer }>;
}

export function testContext(config: Record<string, unknown> = {}, signal = new AbortController().signal, container?: number): TestContext {
  const lines: { level: string; message: string }[] = [];
  const log = (level: string) => (message: string) => void lines.push({ level, message });
  let state: unknown;
  const files: TestContext["files"] = new Map();
  return {
    config,
    asset: { id: 1, name: "test asset" },
    container,
    lines,
    log: { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") },
    fetch: assetFetch(config, signal, Date.now() + 120_000),
    idempotencyKey: "test-run-1",
    state: {
      get: async <T,>() => state as T | undefined,
      set: async (value: unknown) => void (state = value),
    },
    files,
    vault: {
      read: async (vaultId) => {
        const file = files.get(vaultId);
        if (!file) throw Object.assign(new Error(`the vault file ${vaultId} is missing`), { kind: "not_found" });
        return new Uint8Array(file.content);
      },
      info: async (vaultId) => {
        const file = files.get(vaultId);
        if (!file) throw Object.assign(new Error(`no vault file has the id ${vaultId}`), { kind: "not_found" });
        return { name: file.name, size: file.content.length, mime_type: "application/octet-stream" };
      },
      add: async (container, name, content) => {
        const bytes = Buffer.from(content);
        const sha256 = createHash("sha256").update(bytes).digest("hex");
        files.set(sha256, { container, name, content: bytes });
        return { vault_id: sha256, sha256, id: files.size, size: bytes.length };
      },
    },
    signal,
  };
}
