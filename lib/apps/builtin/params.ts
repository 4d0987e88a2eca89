// Reading SOAR-style action parameters and configuration values, the same way in every app.

/** A positive number of seconds from a configuration or parameter value, else `fallback`. */
export function seconds(value: unknown, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

export function str(value: unknown): string {
  return value === undefined || value === null ? "" : String(value);
}

/** SOAR's comma-separated list parameters ("a@x, b@y"), trimmed, empties dropped. */
export function list(value: unknown): string[] {
  return str(value).split(",").map((s) => s.trim()).filter(Boolean);
}

/** A parameter holding a JSON object of strings (SOAR's `headers`), `{}` when empty. */
export function jsonObject(raw: unknown, name: string, example: string): Record<string, string> {
  if (raw === undefined || raw === null || raw === "") return {};
  let parsed: unknown;
  try {
    parsed = typeof raw === "string" ? JSON.parse(raw) : raw;
  } catch (err) {
    throw new Error(`${name}: not a JSON object (${(err as Error).message})`);
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error(`${name}: expected a JSON object such as ${example}`);
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, str(v)]));
}
