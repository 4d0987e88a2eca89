// The Splunk app against a local server on loopback speaking Splunk's REST API JSON
// (splunk-test-server.ts), started by this test; on poll through the real ingestion path is in
// splunk.int.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TransientError } from "@/lib/apps/sdk";
import { freePort } from "@/lib/testing/ports";
import type { TestServer } from "@/lib/testing/action-kit";
import { testContext } from "../app-test-context";
import app, { buildQuery } from "./index";
import { resultContainer } from "./poll";
import { closeHeld, EVENTS, jobs, notableUpdates, posted, startSplunkServer } from "./splunk-test-server";

let server: TestServer;
beforeAll(async () => void (server = await startSplunkServer()));
afterAll(async () => {
  closeHeld();
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

describe("Splunk on poll's containers", () => {
  const notable = { _time: "2026-12-01T10:00:00.000+00:00", event_id: "E1@@notable@@abc", rule_name: "Brute force", urgency: "critical", src: "203.0.113.7", dest_ip: "10.0.0.5", user: "alice", _bkt: "notable~1", empty: "", rule_description: "Many failures" };

  it("maps CIM fields to CEF, drops Splunk's bookkeeping, names and grades the container", () => {
    const c = resultContainer(notable, { container_name_prefix: "Notable:", container_name_values: "user, dest_ip", use_event_id_sdi: true, remove_empty_cef: true });
    expect(c).toMatchObject({ name: "Notable: alice 10.0.0.5", source_data_identifier: "E1@@notable@@abc", severity: "high", description: "Many failures" });
    expect(c.artifacts![0]!.cef).toEqual({ _time: notable._time, event_id: notable.event_id, rule_name: "Brute force", urgency: "critical", sourceAddress: "203.0.113.7", destinationAddress: "10.0.0.5", destinationUserName: "alice", rule_description: "Many failures" });
    const hashed = resultContainer(notable, {});
    expect(hashed.name).toBe("Brute force");
    expect(hashed.source_data_identifier).toMatch(/^[0-9a-f]{64}$/);
    expect(resultContainer({ ...notable }, {}).source_data_identifier).toBe(hashed.source_data_identifier);
    expect(hashed.artifacts![0]!.cef).toHaveProperty("empty", "");
  });
});
