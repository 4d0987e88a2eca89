// The database for one CLI command: the embedded PostgreSQL of the data directory (started for the
// command when no server runs it) or DATABASE_URL, closed again however the command ends.
import { readConfig } from "../config";
import { disconnectDb } from "../db/client";
import { openDatabaseForCommand } from "../db/database";

export async function withDatabase<T>(fn: () => Promise<T>): Promise<T> {
  const database = await openDatabaseForCommand(readConfig());
  try {
    return await fn();
  } finally {
    await disconnectDb();
    await database.stop();
  }
}
