// SPL as SOAR's Splunk app builds it from an action's command, query and display fields.
/** SOAR's query building: the command leads unless the query already starts with one or a pipe. */
export function buildQuery(command: string, query: string, display: string): string {
  const q = query.trim();
  const lead = /^\|/.test(q) || new RegExp(`^${command}\\b`, "i").test(q) ? q : `${command} ${q}`;
  const fields = display.split(",").map((f) => f.trim()).filter(Boolean);
  return fields.length ? `${lead} | fields + ${fields.join(", ")}` : lead;
}
