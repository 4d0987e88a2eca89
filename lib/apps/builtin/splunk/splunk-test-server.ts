// A local server on loopback speaking Splunk's REST API JSON (output_mode=json), for the Splunk
// app's tests: search jobs created, RUNNING then DONE (FAILED for a search with "failjob", never
// done for "forever"), results, search/parser, ES notable_update, receivers/simple, and Splunk's
// {"messages": [{"type", "text"}]} errors. Token "splunk-token" or admin:changeme get in.
import type http from "node:http";
import { readBody, startHttpServer, type TestServer } from "@/lib/testing/action-kit";

export interface Job { search: string; earliest?: string; latest?: string; mode?: string; reads: number; cancelled: boolean; path: string }
export const jobs = new Map<string, Job>();
export const notableUpdates: URLSearchParams[] = [];
export const posted: { query: URLSearchParams; body: string }[] = [];
export const held: http.ServerResponse[] = [];
export const EVENTS = [
  { _time: "2026-12-01T10:00:00.000+00:00", host: "10.1.1.5", index: "main", source: "/var/log/auth.log", sourcetype: "linux_secure", _raw: "Failed password for root from 203.0.113.7", _cd: "1:1", _bkt: "main~1", splunk_server: "splunk-test" },
  { _time: "2026-12-01T10:00:05.000+00:00", host: "web-1", index: "main", source: "access.log", sourcetype: "access_combined", _raw: "GET /login 200", _cd: "1:2", _bkt: "main~1", splunk_server: "splunk-test" },
];

async function handler(req: http.IncomingMessage, res: http.ServerResponse) {
  const json = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json; charset=UTF-8" }).end(JSON.stringify(body));
  const fatal = (status: number, text: string) => json(status, { messages: [{ type: status === 401 ? "WARN" : "FATAL", text }] });
  const url = new URL(req.url ?? "/", "http://x");
  const body = await readBody(req);
  const auth = req.headers.authorization;
  if (auth !== "Bearer splunk-token" && auth !== `Basic ${Buffer.from("admin:changeme").toString("base64")}`) return fatal(401, "call not properly authenticated");
  const path = url.pathname;
  if (path === "/services/server/info") return json(200, { entry: [{ name: "server-info", content: { serverName: "splunk-test", version: "9.3.1" } }] });
  const jobPath = /^\/(services|servicesNS\/[^/]+\/[^/]+)\/search\/jobs(?:\/([^/]+))?(?:\/(results|control))?$/.exec(path);
  if (jobPath && req.method === "POST" && !jobPath[2]) {
    const form = new URLSearchParams(body);
    const search = form.get("search") ?? "";
    if (search.includes("hang")) return void held.push(res);
    if (search.includes("unbalanced")) return fatal(400, "Error in 'search' command: Unable to parse the search: Unbalanced quotes.");
    const sid = `1764633600.${jobs.size + 1}`;
    jobs.set(sid, { search, earliest: form.get("earliest_time") ?? undefined, latest: form.get("latest_time") ?? undefined, mode: form.get("adhoc_search_level") ?? undefined, reads: 0, cancelled: false, path });
    return json(201, { sid });
  }
  const job = jobPath?.[2] ? jobs.get(jobPath[2]) : undefined;
  if (jobPath?.[2] && !job) return fatal(404, `Unknown sid.`);
  if (job && !jobPath![3]) {
    job.reads++;
    const failed = job.search.includes("failjob");
    const done = !job.search.includes("forever") && job.reads >= 2;
    const content = failed
      ? { dispatchState: "FAILED", isDone: true, isFailed: true, messages: [{ type: "FATAL", text: "Search process did not exit cleanly, exit_code=255" }] }
      : { dispatchState: done ? "DONE" : "RUNNING", isDone: done, isFailed: false, resultCount: done ? 2 : 0, messages: [] };
    return json(200, { entry: [{ name: job.search, content }] });
  }
  if (job && jobPath![3] === "control") {
    job.cancelled = new URLSearchParams(body).get("action") === "cancel";
    return json(200, { messages: [{ type: "INFO", text: "Search job cancelled." }] });
  }
  if (job && jobPath![3] === "results") {
    if (job.search.includes("garbled")) return res.writeHead(200, { "content-type": "text/html" }).end("<html>Splunk is restarting</html>");
    const hostMatch = /host="([^"]+)"/.exec(job.search);
    const results = job.search.includes("index=notable") ? notablesBetween(job.earliest, job.latest) : hostMatch ? EVENTS.filter((e) => e.host === hostMatch[1]) : EVENTS;
    return json(200, { preview: false, init_offset: 0, messages: [], fields: [{ name: "_raw" }, { name: "host" }], results });
  }
  if (path === "/services/search/parser") return json(200, { remoteSearch: `litsearch ${url.searchParams.get("q")}`, commands: [{ command: "search", args: url.searchParams.get("q") }] });
  if (path === "/services/notable_update") {
    const form = new URLSearchParams(body);
    if (form.getAll("ruleUIDs").includes("bogus")) return json(200, { success: false, message: "ruleUIDs: bogus is not a notable event", success_count: 0, failure_count: 1 });
    notableUpdates.push(form);
    const n = form.getAll("ruleUIDs").length;
    return json(200, { success: true, message: `${n} event${n === 1 ? "" : "s"} updated successfully`, details: {}, success_count: n, failure_count: 0 });
  }
  if (path === "/services/receivers/simple") {
    posted.push({ query: url.searchParams, body });
    if (url.searchParams.get("index") === "broken") return fatal(503, "Splunkd is busy");
    return json(200, { index: url.searchParams.get("index") ?? "main", bytes: Buffer.byteLength(body), host: url.searchParams.get("host"), source: url.searchParams.get("source"), sourcetype: url.searchParams.get("sourcetype") });
  }
  fatal(404, `Not Found: ${path}`);
}

/** Notable events the "index=notable" search finds, by _time within the job's window. */
export const NOTABLES: Record<string, unknown>[] = [];
function notablesBetween(earliest?: string, latest?: string) {
  const from = earliest && /^\d+$/.test(earliest) ? Number(earliest) * 1000 : 0;
  const to = latest && /^\d+$/.test(latest) ? Number(latest) * 1000 : Infinity;
  // Splunk lists the newest first.
  return NOTABLES.filter((n) => Date.parse(String(n._time)) >= from && Date.parse(String(n._time)) < to).reverse();
}

export async function startSplunkServer(): Promise<TestServer> {
  return startHttpServer((req, res) => void handler(req, res));
}

export function closeHeld() {
  for (const res of held) res.destroy();
}
