// Takes an asset's secret values out of whatever an app hands back (results, log lines), so a
// service echoing a token, or an app logging its config, does not put the secret in a table or
// a log. Walks the value rather than its JSON text: a secret holding a quote or a backslash is
// escaped in JSON and would slip past a search of the text.
export function redactor(secrets: readonly string[]): <T>(value: T) => T {
  const live = secrets.filter((s) => s.length > 0);
  const text = (s: string) => live.reduce((t, secret) => t.split(secret).join("[redacted]"), s);
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return text(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [text(k), walk(x)]));
    return v;
  };
  return <T>(value: T) => (live.length ? (walk(value) as T) : value);
}
