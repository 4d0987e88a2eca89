// The Splunk app against a local server on loopback speaking Splunk's REST API JSON
// (output_mode=json): search jobs created, RUNNING then DONE, results; ES notable_update;
// receivers/simple; {"messages": [{"type", "text"}]} errors; started by this test.
import type http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TransientError } from "@/lib/apps/sdk";
import { freePort } from "@/lib/testing/ports";
import { readBody, startHttpServer, type TestServer } from "@/lib/testing/action-kit";
import { testContext } from "../app-test-context";
import app, { buildQuery } from "./index";

interface Job { search: string; earliest?: string; latest?: string; mode?: string; reads: number; cancelled: boolean; path: string }
const jobs = new Map<string, Job>();
const notableUpdates: URLSearchParams[] = [];
const posted: { query: URLSearchParams; body: string }[] = [];
const held: http.ServerResponse[] = [];
const EVENTS = [
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
    const results = hostMatch ? EVENTS.filter((e) => e.host === hostMatch[1]) : EVENTS;
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

let server: TestServer;
beforeAll(async () => void (server = await startHttpServer((req, res) => void handler(req, res))));
afterAll(async () => {
  for (const res of held) res.destroy();
  await server.close();
});
const ctx = (config: Record<string, unknown> = {}) => testContext({ device: server.url, api_token: "splunk-token", timeout: 2, ...config });

describe("Splunk run query", () => {
  it("runs a search job to completion; each result is a data row; sid and count in the summary", async () => {
    const result = await app.actions.run_query!(ctx(), { command: "search", query: "index=main", start_time: "-24h", end_time: "now", search_mode: "fast" });
    const sid = result.summary.sid as string;
    expect(result).toMatchObject({ status: "success", message: `Sid: ${sid}, Total events: 2`, summary: { total_events: 2 } });
    expect(result.data).toEqual(EVENTS);
    expect(jobs.get(sid)).toMatchObject({ search: "search index=main", earliest: "-24h", latest: "now", mode: "fast", reads: 2, path: "/services/search/jobs" });
  });

  it("builds SOAR's query: leading command, display fields, _raw dropped on request; owner/app namespace; basic auth", async () => {
    expect(buildQuery("search", "index=main", "host, _time")).toBe("search index=main | fields + host, _time");
    expect(buildQuery("search", "| tstats count", "")).toBe("| tstats count");
    expect(buildQuery("savedsearch", "\"Send to test\"", "")).toBe('savedsearch "Send to test"');
    const result = await app.actions.run_query!(ctx({ api_token: "", username: "admin", password: "changeme", splunk_owner: "admin", splunk_app: "search" }), { query: "index=main", add_raw_field: false });
    expect(result.data[0]).not.toHaveProperty("_raw");
    expect(jobs.get(result.summary.sid as string)!.path).toBe("/servicesNS/admin/search/search/jobs");
    const parsed = await app.actions.run_query!(ctx(), { query: "index=main", parse_only: true });
    expect(parsed).toMatchObject({ status: "success", data: [{ remoteSearch: "litsearch search index=main" }] });
  });

  it("get host events searches the host over the last days", async () => {
    const result = await app.actions.get_host_events!(ctx(), { ip_hostname: "10.1.1.5", last_n_days: 2 });
    expect(result).toMatchObject({ status: "success", data: [{ host: "10.1.1.5", _raw: "Failed password for root from 203.0.113.7" }], summary: { total_events: 1 } });
    expect(jobs.get(result.summary.sid as string)).toMatchObject({ search: 'search host="10.1.1.5"', earliest: "-2d", latest: "now" });
    expect((await app.actions.get_host_events!(ctx(), { ip_hostname: 'x" OR 1' })).status).toBe("failed");
  });
});

describe("Splunk update event and post data", () => {
  it("update event sends ES's notable_update with SOAR's status and disposition numbers", async () => {
    const result = await app.actions.update_event!(ctx(), { event_ids: "A@@notable@@1, B@@notable@@2", status: "in progress", urgency: "high", owner: "alice", comment: "working it", disposition: "True Positive - Suspicious Activity" });
    expect(result).toMatchObject({ status: "success", message: "Updated event id: A@@notable@@1, B@@notable@@2", data: [{ success: true, success_count: 2, message: "2 events updated successfully" }] });
    const form = notableUpdates.at(-1)!;
    expect(form.getAll("ruleUIDs")).toEqual(["A@@notable@@1", "B@@notable@@2"]);
    expect(Object.fromEntries([...form].filter(([k]) => k !== "ruleUIDs"))).toEqual({ status: "2", disposition: "disposition:1", urgency: "high", newOwner: "alice", comment: "working it", output_mode: "json" });
    expect((await app.actions.update_event!(ctx(), { event_ids: "bogus" })).message).toBe("Splunk did not update the event: ruleUIDs: bogus is not a notable event");
    expect((await app.actions.update_event!(ctx(), { event_ids: "A", status: "done" })).message).toMatch(/^status: expected one of unassigned, new/);
  });

  it("post data sends the raw event to receivers/simple", async () => {
    const result = await app.actions.post_data!(ctx(), { data: "vigil closed container 42", host: "vigil", index: "soar" });
    expect(result).toMatchObject({ status: "success", message: "Successfully posted the data" });
    expect(posted.at(-1)!.body).toBe("vigil closed container 42");
    expect(Object.fromEntries(posted.at(-1)!.query)).toEqual({ host: "vigil", index: "soar", source: "Phantom", sourcetype: "Automation/Orchestration Platform" });
  });
});

describe("Splunk failure paths", () => {
  it("bad credentials, a bad query and a failed job are failed results with Splunk's text", async () => {
    expect((await app.actions.run_query!(ctx({ api_token: "wrong" }), { query: "index=main" })).message).toBe("Splunk refused the credentials (401): call not properly authenticated; check the asset's api_token");
    expect((await app.actions.test_asset_connectivity!(ctx({ api_token: "wrong" }), {})).message).toMatch(/^Test Connectivity Failed\. Splunk refused the credentials/);
    expect(await app.actions.test_asset_connectivity!(ctx(), {})).toMatchObject({ status: "success" });
    expect((await app.actions.run_query!(ctx(), { query: 'index=main "unbalanced' })).message).toBe("Splunk refused the request with 400: Error in 'search' command: Unable to parse the search: Unbalanced quotes");
    expect((await app.actions.run_query!(ctx(), { query: "failjob" })).message).toMatch(/^the search job 1764633600\.\d+ failed: Search process did not exit cleanly, exit_code=255$/);
    expect((await app.actions.run_query!(ctx(), { query: "garbled" })).message).toMatch(/^Splunk answered with a body that is not JSON .*Splunk is restarting/);
    expect((await app.actions.run_query!(ctx({ api_token: "", username: "" }), { query: "x" })).message).toBe("the asset has neither api_token nor username and password");
  });

  it("a job past splunk_job_timeout is cancelled and fails; a silent server fails at the timeout", async () => {
    const result = await app.actions.run_query!(ctx({ splunk_job_timeout: 1.5 }), { query: "forever" });
    expect(result.message).toMatch(/^the search job (1764633600\.\d+) did not finish within 1\.5 s \(splunk_job_timeout\); it was cancelled$/);
    const sid = /job (\S+) did/.exec(result.message)![1]!;
    expect(jobs.get(sid)!.cancelled).toBe(true);
    expect((await app.actions.run_query!(ctx({ timeout: 1 }), { query: "hang" })).message).toBe(`Splunk at ${server.url} did not answer within 1 s (the asset's timeout)`);
  });

  it("503 and refused connections are retried", async () => {
    await expect(app.actions.post_data!(ctx(), { data: "x", index: "broken" })).rejects.toThrow(new TransientError("Splunk answered 503: Splunkd is busy"));
    const port = await freePort();
    await expect(app.actions.run_query!(ctx({ device: "127.0.0.1", port }), { query: "x" })).rejects.toThrow(`Splunk at https://127.0.0.1:${port} refused the connection`);
  });
});
