// Decides which PostgreSQL Vigil uses: DATABASE_URL when set, else the embedded one in the data
// directory. Either way migrations are applied before anything else touches the database.
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import type { VigilConfig } from "../config";
import { log } from "../log";
import { startEmbeddedPostgres } from "./embedded";
import { ensureAuditKey } from "../domain/audit-anchor";
import { migrateDatabase } from "./migrate";
import { grantRuntimeRights, roleOf } from "./roles";

export interface Database {
  /** What requests are served with (the runtime role when the roles are split). */
  url: string;
  /** What migrations run as: the schema owner (the same URL in single-URL mode). */
  ownerUrl: string;
  embedded: boolean;
  stop(): Promise<void>;
  /** Shutdown has begun: the embedded PostgreSQL exiting is no longer restarted. */
  release?(): void;
}

/** While `vigil start` runs the embedded server, other commands reach it through these files. */
function runningUrlFile(dataDir: string, role: "app" | "owner" = "app"): string {
  return path.join(dataDir, "run", role === "app" ? "database-url" : "database-owner-url");
}

/**
 * Embedded: Vigil's own owner and runtime roles. External: DATABASE_URL alone is used for both
 * (as before the split), or VIGIL_MIGRATE_DATABASE_URL (owner) migrates and DATABASE_URL
 * (runtime role, see the README for the SQL that creates it) serves.
 */
export async function openDatabase(config: VigilConfig, opts: { migrate?: boolean } = {}): Promise<Database> {
  let database: Database;
  if (config.databaseUrl) {
    database = { url: config.databaseUrl, ownerUrl: config.migrateDatabaseUrl ?? config.databaseUrl, embedded: false, stop: async () => {} };
  } else {
    if (config.migrateDatabaseUrl) {
      throw new Error("VIGIL_MIGRATE_DATABASE_URL is set without DATABASE_URL: set DATABASE_URL to the runtime role's URL too, or unset both to use the embedded PostgreSQL");
    }
    const pgLog = log.child({ component: "postgres" });
    const embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      port: config.embeddedPgPort,
      log: (m) => pgLog.debug(m),
    });
    const urlFiles = [runningUrlFile(config.dataDir), runningUrlFile(config.dataDir, "owner")];
    await mkdir(path.dirname(urlFiles[0]!), { recursive: true, mode: 0o700 });
    await writeFile(urlFiles[0]!, embedded.url, { mode: 0o600 });
    await writeFile(urlFiles[1]!, embedded.ownerUrl, { mode: 0o600 });
    log.info({ dataDir: config.dataDir, port: config.embeddedPgPort }, "embedded PostgreSQL started");
    database = {
      url: embedded.url,
      ownerUrl: embedded.ownerUrl,
      embedded: true,
      release: embedded.release,
      stop: async () => {
        for (const file of urlFiles) await rm(file, { force: true });
        await embedded.stop();
        log.info("embedded PostgreSQL stopped");
      },
    };
  }
  // The shared pools (./client.ts, ./sql.ts) read DATABASE_URL: they get the runtime role.
  process.env.DATABASE_URL = database.url;
  try {
    if (opts.migrate !== false) {
      const applied = await migrateDatabase(database.ownerUrl);
      if (applied.length) log.info({ applied }, "database migrations applied");
      // Two URLs of one role (a different host or option) are the single-role mode: granting
      // to itself would revoke the owner's own rights on audit_log.
      if (roleOf(database.ownerUrl) !== roleOf(database.url)) await grantRuntimeRights(database.ownerUrl, roleOf(database.url));
    }
    await ensureAuditKey(config.dataDir, database.url);
  } catch (err) {
    await database.stop();
    throw err;
  }
  return database;
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * For one-off commands (`vigil user create`, ...): use DATABASE_URL, else the embedded server a
 * running `vigil start` owns, else start the embedded server just for this command.
 */
export async function openDatabaseForCommand(config: VigilConfig): Promise<Database> {
  if (!config.databaseUrl) {
    const urlFile = runningUrlFile(config.dataDir);
    if (existsSync(urlFile)) {
      const url = (await readFile(urlFile, "utf8")).trim();
      const ownerFile = runningUrlFile(config.dataDir, "owner");
      const ownerUrl = existsSync(ownerFile) ? (await readFile(ownerFile, "utf8")).trim() : url;
      if (await reachable(url)) {
        process.env.DATABASE_URL = url;
        return { url, ownerUrl, embedded: true, stop: async () => {} };
      }
    }
  }
  return openDatabase(config);
}
