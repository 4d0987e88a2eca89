// CSV for the console's exports (RFC 4180: CRLF lines, fields quoted when they hold a comma,
// quote or line break), with formula injection defused for spreadsheets.
/** One CSV field: quoted when needed, and a leading = + - @ defused so spreadsheets show it as text. */
export function csvField(v: unknown): string {
  let s = v === null || v === undefined ? "" : v instanceof Date ? v.toISOString() : String(v);
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}
