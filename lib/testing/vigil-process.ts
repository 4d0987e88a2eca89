// Starts a real `vigil start` in a child process for integration and browser tests: its own
// data directory, its own embedded PostgreSQL (or the given DATABASE_URL), a free port.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort } from "./ports";

export interface VigilProcess {
  url: string;
  dataDir: string;
  /** Everything the process printed to stdout so far. */
  output(): string;
  /** Everything printed to stdout and stderr so far (log lines go to both). */
  logs(): string;
  /** Sends SIGINT (as Ctrl-C does) and waits for the process to exit; resolves to its exit code. */
  stop(): Promise<number | null>;
  child: ChildProcess;
}

const ROOT = path.resolve(import.meta.dirname, "..", "..");

export interface VigilOptions {
  dataDir?: string;
  databaseUrl?: string;
  /** With databaseUrl: the owner's URL that migrations run as (VIGIL_MIGRATE_DATABASE_URL). */
  migrateDatabaseUrl?: string;
  demo?: boolean;
  port?: number;
  pgPort?: number;
  /** Where `vigil start` runs from and is found (another checkout); the default is this one. */
  root?: string;
  env?: Record<string, string>;
  /** Options for node itself (a benchmark's --cpu-prof, which NODE_OPTIONS does not take). */
  nodeArgs?: string[];
  /** How long to wait for "Vigil is running on" (a loaded machine may need more than 120 s). */
  startTimeoutMs?: number;
}

export async function startVigil(opts: VigilOptions = {}): Promise<VigilProcess> {
  const dataDir = opts.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), "vigil-test-")));
  const port = opts.port ?? (await freePort());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    VIGIL_DATA_DIR: dataDir,
    VIGIL_PG_PORT: String(opts.pgPort ?? (await freePort())),
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    NODE_ENV: "production",
    ...opts.env,
  };
  delete env.VIGIL_MIGRATE_DATABASE_URL;
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  else delete env.DATABASE_URL;
  if (opts.migrateDatabaseUrl) env.VIGIL_MIGRATE_DATABASE_URL = opts.migrateDatabaseUrl;
  const root = opts.root ?? ROOT;
  const args = [...(opts.nodeArgs ?? []), path.join(root, "bin", "vigil.mjs"), "start", ...(opts.demo ? ["--demo"] : [])];
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  // VIGIL_TEST_LOG_DIR keeps each process's log on disk, to find what a server was doing when a
  // test that talks to it failed (the in-memory copy dies with the test run).
  if (process.env.VIGIL_TEST_LOG_DIR) {
    const file = createWriteStream(path.join(process.env.VIGIL_TEST_LOG_DIR, `vigil-${port}.log`));
    child.stdout!.pipe(file, { end: false });
    child.stderr!.pipe(file, { end: false });
  }
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const startTimeoutMs = opts.startTimeoutMs ?? 120_000;
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vigil start exited with ${child.exitCode}:\n${stdout}\n${stderr}`);
    if (stdout.includes("Vigil is running on")) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`vigil start did not come up in ${startTimeoutMs / 1000} s:\n${stdout}\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    dataDir,
    child,
    output: () => stdout,
    logs: () => stdout + stderr,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGINT");
      return exited;
    },
  };
}

/** The first administrator's password, as `vigil start` printed it once. */
export function firstAdminPassword(output: string): string {
  const match = /password: (\S+)/.exec(output);
  if (!match) throw new Error(`no first administrator password in the output:\n${output}`);
  return match[1]!;
}
