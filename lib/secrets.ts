// Keys that live in the data directory (keys/), created on first start with owner-only access.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

export async function dataDirSecret(dataDir: string, name: string, bytes = 32): Promise<string> {
  const file = path.join(dataDir, "keys", name);
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const value = randomBytes(bytes).toString("base64url");
  await writeFile(file, value + "\n", { mode: 0o600, flag: "wx" });
  return value;
}
