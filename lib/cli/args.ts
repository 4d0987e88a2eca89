// Argument parsing for `vigil`: unknown flags and missing values are usage errors (exit 2).
import { parseArgs, type ParseArgsConfig } from "node:util";

export class UsageError extends Error {}

export function parseCommand<T extends NonNullable<ParseArgsConfig["options"]>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

export function required(value: string | boolean | undefined, flag: string): string {
  if (typeof value !== "string" || value.trim() === "") throw new UsageError(`${flag} is required`);
  return value.trim();
}
