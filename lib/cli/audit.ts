// `vigil audit verify`: checks every audit chain and its anchor; exit 0 when intact, 1 on a break.
import { existsSync } from "node:fs";
import pg from "pg";
import { readConfig } from "../config";
import { openDatabaseForCommand } from "../db/database";
import { auditKey, auditKeyFile } from "../domain/audit-anchor";
import { verifyAuditLog } from "../domain/audit-verify";
import { parseCommand } from "./args";

export async function auditVerify(argv: string[]): Promise<number> {
  parseCommand(argv, {});
  const config = readConfig();
  // Checked before the database is opened, because opening it creates a missing key (and
  // anchors the chains as they are), which would bless whatever state the log is in.
  if (!existsSync(auditKeyFile(config.dataDir))) {
    throw new Error(`no audit key at ${auditKeyFile(config.dataDir)}: run this with VIGIL_DATA_DIR set to the data directory of the Vigil that wrote the audit log`);
  }
  const key = auditKey(config.dataDir);
  const database = await openDatabaseForCommand(config);
  const client = new pg.Client({ connectionString: database.url });
  try {
    await client.connect();
    const report = await verifyAuditLog(client, key);
    for (const b of report.breaks) {
      process.stdout.write(`BROKEN chain ${b.chain}${b.rowId ? ` at row ${b.rowId}` : ""}: ${b.problem}\n`);
    }
    const counts = `${report.chains} chains, ${report.rows} rows`;
    if (report.breaks.length) {
      process.stdout.write(`audit log NOT intact: ${report.breaks.length} broken of ${counts}\n`);
      return 1;
    }
    process.stdout.write(`audit log intact: ${counts} verified\n`);
    return 0;
  } finally {
    await client.end().catch(() => {});
    await database.stop();
  }
}
