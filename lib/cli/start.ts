// `vigil start`: database (embedded or DATABASE_URL), migrations, first administrator, worker
// and web server; on Ctrl-C or SIGTERM everything stops in reverse order, the embedded
// PostgreSQL last, so its data is kept for the next start.
import { readConfig } from "../config";
import { openDatabase } from "../db/database";
import { disconnectDb } from "../db/client";
import { log } from "../log";
import { dataDirSecret } from "../secrets";
import { DEMO_ACCOUNTS, ensureDemoData, ensureFirstAdministrator } from "../bootstrap";
import { parseTrustedProxies } from "../forwarded";
import { startWorker } from "../jobs/worker";
import { syncBuiltinApps } from "../apps/registry";
import { startWebServer } from "../web-server";
import { parseCommand } from "./args";

export async function start(argv: string[]): Promise<void> {
  const { values } = parseCommand(argv, { demo: { type: "boolean" }, "no-worker": { type: "boolean" } });
  const config = readConfig();
  parseTrustedProxies(config.trustedProxies); // a typo fails here, before anything starts
  // The demo's passwords are published, so it listens on this machine only unless HOST says so.
  const host = config.host ?? (values.demo ? "127.0.0.1" : undefined);
  process.env.AUTH_SECRET ||= await dataDirSecret(config.dataDir, "auth-secret");
  process.env.VIGIL_DATA_DIR = config.dataDir;

  const database = await openDatabase(config);
  const stops: (() => Promise<void>)[] = [database.stop, disconnectDb];
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    database.release?.();
    log.info({ signal }, "stopping");
    for (const stop of stops.reverse()) await stop().catch((err: unknown) => log.error({ err }, "stop failed"));
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  // Demo accounts first, so on a fresh demo the documented admin exists and none is generated.
  let demoAccounts = false;
  const firstAdmin = await (async () => {
    if (values.demo) {
      demoAccounts = await ensureDemoData();
      if (!demoAccounts) log.warn("demo mode: this instance already has users, so no demo accounts or sample events were added");
    }
    return ensureFirstAdministrator();
  })().catch(async (err: unknown) => {
    await database.stop();
    throw err;
  });
  // A bad manifest disables its app (recorded with the reason) and never stops the start.
  await syncBuiltinApps().catch((err: unknown) => log.error({ err }, "loading the built-in apps failed"));
  if (!values["no-worker"]) {
    const worker = await startWorker();
    stops.push(worker.stop);
  }
  const web = await startWebServer({ port: config.port, dir: process.cwd(), hostname: host, trustedProxies: config.trustedProxies });
  stops.push(web.close);
  log.info({ url: web.url }, "Vigil is listening");

  const lines = [`Vigil is running on http://${host && host !== "0.0.0.0" && host !== "::" ? host : "localhost"}:${config.port}`];
  if (demoAccounts) {
    lines.push("Demo accounts (username / password):");
    for (const a of DEMO_ACCOUNTS) lines.push(`  ${a.username.padEnd(9)} ${a.password.padEnd(16)} ${a.role}`);
  }
  if (firstAdmin) {
    lines.push("First administrator created. This password is shown only once:");
    lines.push(`  username: ${firstAdmin.username}`, `  password: ${firstAdmin.password}`);
  }
  process.stdout.write(`\n${lines.join("\n")}\n\n`);
}
