// `vigil worker`: the job runner alone, for more machines sharing one database (DATABASE_URL,
// or the embedded server a `vigil start` on this machine owns). SIGINT/SIGTERM hand back the
// runs still in flight before exiting; a SIGKILLed worker's runs are taken over by the others
// when their leases expire (lib/jobs/runner.ts).
import { readConfig } from "../config";
import { openDatabaseForCommand } from "../db/database";
import { disconnectDb } from "../db/client";
import { syncBuiltinApps } from "../apps/registry";
import { startWorker } from "../jobs/worker";
import { log } from "../log";
import { parseCommand, UsageError } from "./args";

export async function worker(argv: string[]): Promise<void> {
  const { values } = parseCommand(argv, { concurrency: { type: "string" } });
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency > 0 && concurrency <= 10_000)) {
    throw new UsageError("--concurrency must be a whole number from 1 to 10000");
  }
  const config = readConfig();
  process.env.VIGIL_DATA_DIR = config.dataDir;
  const database = await openDatabaseForCommand(config);
  await syncBuiltinApps();
  const w = await startWorker({ concurrency });
  process.stdout.write(`vigil worker ${w.id} running\n`);
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, "worker stopping");
      await w.stop().catch((err: unknown) => log.error({ err }, "worker stop failed"));
      await disconnectDb().catch(() => {});
      await database.stop().catch(() => {});
      resolve();
    };
    process.on("SIGINT", () => void stop("SIGINT"));
    process.on("SIGTERM", () => void stop("SIGTERM"));
  });
}
