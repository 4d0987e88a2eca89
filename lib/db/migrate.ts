// Applies the committed Prisma migrations (prisma/migrations) with `prisma migrate deploy`.
// The CLI runs through the pg driver adapter and the wasm schema engine (prisma.config.ts).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

export async function migrateDatabase(databaseUrl: string, root = process.cwd()): Promise<void> {
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
}
