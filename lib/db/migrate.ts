// Applies the committed Prisma migrations (prisma/migrations) with `prisma migrate deploy`.
// The CLI runs through the pg driver adapter and the wasm schema engine (prisma.config.ts).
// Loading that engine takes seconds, so when every migration is already applied it is skipped.
import { spawn } from "node:child_process";
import { readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";

const require = createRequire(import.meta.url);

async function pendingMigrations(databaseUrl: string, root: string): Promise<string[]> {
  const dir = path.join(root, "prisma", "migrations");
  const committed = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const table = await client.query("select to_regclass('public._prisma_migrations') as t");
    if (!table.rows[0]?.t) return committed;
    const applied = await client.query<{ migration_name: string }>(
      "select migration_name from _prisma_migrations where finished_at is not null and rolled_back_at is null",
    );
    const done = new Set(applied.rows.map((r) => r.migration_name));
    return committed.filter((name) => !done.has(name));
  } finally {
    await client.end();
  }
}

export async function migrateDatabase(databaseUrl: string, root = process.cwd()): Promise<string[]> {
  const pending = await pendingMigrations(databaseUrl, root);
  if (pending.length === 0) return [];
  const cli = path.join(path.dirname(require.resolve("prisma/package.json")), "build", "index.js");
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "migrate", "deploy"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (c: Buffer) => output.push(c.toString()));
    child.stderr.on("data", (c: Buffer) => output.push(c.toString()));
    child.on("error", reject);
    child.on("close", resolve);
  });
  if (code !== 0) throw new Error(`database migration failed:\n${output.join("").trim()}`);
  return pending;
}
