// Decides which PostgreSQL Vigil uses: DATABASE_URL when set, else the embedded one in the data
// directory. Either way migrations are applied before anything else touches the database.
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import type { VigilConfig } from "../config";
import { log } from "../log";
import { startEmbeddedPostgres } from "./embedded";
import { migrateDatabase } from "./migrate";

export interface Database {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** While `vigil start` runs the embedded server, other commands reach it through this file. */
function runningUrlFile(dataDir: string): string {
  return path.join(dataDir, "run", "database-url");
}

export async function openDatabase(config: VigilConfig, opts: { migrate?: boolean } = {}): Promise<Database> {
  let database: Database;
  if (config.databaseUrl) {
    database = { url: config.databaseUrl, embedded: false, stop: async () => {} };
  } else {
    const pgLog = log.child({ component: "postgres" });
    const embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      port: config.embeddedPgPort,
      log: (m) => pgLog.debug(m),
    });
    const urlFile = runningUrlFile(config.dataDir);
    await mkdir(path.dirname(urlFile), { recursive: true, mode: 0o700 });
    await writeFile(urlFile, embedded.url, { mode: 0o600 });
    log.info({ dataDir: config.dataDir, port: config.embeddedPgPort }, "embedded PostgreSQL started");
    database = {
      url: embedded.url,
      embedded: true,
      stop: async () => {
        await rm(urlFile, { force: true });
        await embedded.stop();
        log.info("embedded PostgreSQL stopped");
      },
    };
  }
  process.env.DATABASE_URL = database.url;
  if (opts.migrate !== false) {
    try {
      const applied = await migrateDatabase(database.url);
      if (applied.length) log.info({ applied }, "database migrations applied");
    } catch (err) {
      await database.stop();
      throw err;
    }
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
      if (await reachable(url)) {
        process.env.DATABASE_URL = url;
        return { url, embedded: true, stop: async () => {} };
      }
    }
  }
  return openDatabase(config);
}
