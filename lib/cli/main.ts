// The `vigil` command. Exit codes: 0 done, 1 failed, 2 wrong usage.
import { readConfig } from "../config";
import { openDatabase } from "../db/database";
import { DomainError } from "../domain/errors";
import { UsageError } from "./args";
import { auditVerify } from "./audit";
import { start } from "./start";
import { tokenCreate, userCreate } from "./users";
import { secretsRotate } from "./secrets";
import { playbookExport, playbookImport } from "./playbooks";
import { worker } from "./worker";

const USAGE = `usage: vigil <command>

  start [--demo]                                   run the web server and worker
  worker [--concurrency N]                         run only the job runner (app runs), e.g. on another machine
  migrate                                          apply database migrations
  secrets rotate                                   re-encrypt asset secrets under a new key version
  user create --name N --role R [--password P]     create a user (roles: administrator,
                                                   manager, analyst, asset_owner, observer, automation)
  token create --user N [--label L] [--expires-days D]
                                                   create an API token (ph-auth-token); without
                                                   --expires-days it never expires
  audit verify                                     check every audit chain and its anchor;
                                                   exit 1 and name the row when one is broken
  playbook import [--scm REPO] [--force] [--custom-function] FILE...
                                                   import SOAR playbooks (<name>.json + <name>.py, or
                                                   export archives) or custom functions; prints the
                                                   import report
  playbook export (--id N | --name NAME [--scm REPO]) --out FILE
                                                   write an imported playbook's SOAR export archive

environment: PORT, HOST, DATABASE_URL, VIGIL_MIGRATE_DATABASE_URL, VIGIL_DATA_DIR, VIGIL_PG_PORT,
             VIGIL_TRUSTED_PROXIES, VIGIL_SECRET_KEY, LOG_LEVEL (see README)
`;

async function migrate(argv: string[]): Promise<void> {
  if (argv.length) throw new UsageError(`migrate takes no arguments, got ${argv.join(" ")}`);
  const database = await openDatabase(readConfig());
  await database.stop();
  process.stdout.write("migrations applied\n");
}

export async function main(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  try {
    if (command === "start") await start(argv.slice(1));
    else if (command === "migrate") await migrate(argv.slice(1));
    else if (command === "worker") await worker(argv.slice(1));
    else if (command === "secrets" && sub === "rotate") await secretsRotate(rest);
    else if (command === "user" && sub === "create") await userCreate(rest);
    else if (command === "token" && sub === "create") await tokenCreate(rest);
    else if (command === "audit" && sub === "verify") return await auditVerify(rest);
    else if (command === "playbook" && sub === "import") await playbookImport(rest);
    else if (command === "playbook" && sub === "export") await playbookExport(rest);
    else if (command === undefined || command === "help" || command === "--help") {
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    } else throw new UsageError(`unknown command: ${argv.slice(0, 2).join(" ")}`);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`vigil: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof DomainError) {
      process.stderr.write(`vigil: ${err.message}\n`);
      return 1;
    }
    process.stderr.write(`vigil: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
