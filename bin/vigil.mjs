#!/usr/bin/env node
// Entry point of the `vigil` command: loads the TypeScript CLI through tsx.
import { fileURLToPath } from "node:url";
import path from "node:path";
import { register } from "tsx/esm/api";

process.env.NEXT_TELEMETRY_DISABLED ??= "1";
// A relative VIGIL_DATA_DIR means relative to where the command was typed.
if (process.env.VIGIL_DATA_DIR) process.env.VIGIL_DATA_DIR = path.resolve(process.env.VIGIL_DATA_DIR);
// Commands run against the project root: migrations, the Next.js build and the data directory.
process.chdir(path.join(path.dirname(fileURLToPath(import.meta.url)), ".."));
register();
const { main } = await import("../lib/cli/main.ts");
const code = await main(process.argv.slice(2));
if (process.argv[2] !== "start" || code !== 0) process.exit(code);
