// `vigil secrets rotate`: a new key version in <data dir>/keys/secret-key (or, with
// VIGIL_SECRET_KEY, the newest version the operator added there), then every asset secret and
// every webhook's URL token and signing secret re-sealed under it. Old versions stay readable.
import { readConfig } from "../config";
import { openDatabaseForCommand } from "../db/database";
import { disconnectDb } from "../db/client";
import { SYSTEM } from "../domain/actor";
import { rotateAssetSecrets } from "../domain/assets";
import { resealWebhooks } from "../domain/webhooks/webhooks";
import { UsageError } from "./args";

export async function secretsRotate(argv: string[]): Promise<void> {
  if (argv.length) throw new UsageError(`secrets rotate takes no arguments, got ${argv.join(" ")}`);
  const config = readConfig();
  process.env.VIGIL_DATA_DIR = config.dataDir;
  const database = await openDatabaseForCommand(config);
  try {
    const { version, resealed: assets } = await rotateAssetSecrets(SYSTEM, { newKey: !process.env.VIGIL_SECRET_KEY });
    const resealed = assets + await resealWebhooks(SYSTEM);
    process.stdout.write(`secrets sealed under key version ${version}: ${resealed} value${resealed === 1 ? "" : "s"} re-encrypted\n`);
  } finally {
    await disconnectDb();
    await database.stop();
  }
}
