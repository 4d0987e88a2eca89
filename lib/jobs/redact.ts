// Takes an asset's secret values out of whatever an app hands back (results, log lines), so a
// service echoing a token, or an app logging its config, does not put the secret in a table or
// a log. Walks the value rather than its JSON text: a secret holding a quote or a backslash is
// escaped in JSON and would slip past a search of the text.
//
// Only secrets of at least MIN_SECRET_LENGTH characters are cut out wherever they occur. A
// shorter one (a PIN, "admin", "1") is also an everyday substring: replacing it everywhere
// would mangle results (every "1" in a count, every "admin" in a URL) while hiding little, since
// a secret that short is guessed anyway. Those are redacted only where a whole string is the
// secret, which is how an app echoing its configuration shows it.
export const MIN_SECRET_LENGTH = 6;
const MASK = "[redacted]";

export function redactor(secrets: readonly string[]): <T>(value: T) => T {
  const long = [...new Set(secrets.filter((s) => s.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length);
  const short = new Set(secrets.filter((s) => s.length > 0 && s.length < MIN_SECRET_LENGTH));
  // Longest first, so a secret containing another is cut out whole.
  const text = (s: string) => (short.has(s) ? MASK : long.reduce((t, secret) => (t.includes(secret) ? t.split(secret).join(MASK) : t), s));
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return text(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [text(k), walk(x)]));
    return v;
  };
  return <T>(value: T) => (long.length || short.size ? (walk(value) as T) : value);
}
