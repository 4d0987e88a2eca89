// Splunk `on poll` through the whole path (POST /rest/action_run -> worker -> the app's child
// process -> saveContainer -> the REST ingestion code) against the loopback Splunk server of
// splunk-test-server.ts: notable events become containers with CEF artifacts, the next poll reads
// only the time since the last one, and an event is never saved twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";
import { runAction, type TestServer } from "@/lib/testing/action-kit";
import { jobs, NOTABLES, startSplunkServer } from "./splunk-test-server";

let admin: Client;
let server: TestServer;
let containerId: number;
const tag = unique("notable");
const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();

beforeAll(async () => {
  admin = await tokenClient("administrator");
  server = await startSplunkServer();
  containerId = (await admin.call("POST", "/rest/container", { name: "splunk poll runs" })).body.id;
  NOTABLES.push(
    { _time: at(30), event_id: `${tag}-1`, rule_name: "Brute force", urgency: "high", src: "203.0.113.7", user: "alice", _bkt: "notable~1" },
    { _time: at(20), event_id: `${tag}-2`, rule_name: "Malware beacon", urgency: "medium", dest: "198.51.100.23", url: "http://c2.example/b" },
  );
});
afterAll(async () => server?.close());

describe("Splunk on poll", () => {
  it("ingests notable events once each, continuing where the last poll ended", async () => {
    const name = unique("splunk");
    const created = await admin.call("POST", "/rest/asset", {
      name, product_vendor: "Splunk Inc.", product_name: "Splunk Enterprise",
      configuration: { device: server.url, api_token: "splunk-token", on_poll_query: "index=notable", container_name_prefix: "Notable:", container_name_values: "rule_name", use_event_id_sdi: true },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const poll = async () => (await runAction(admin, { action: "on poll", container_id: containerId, targets: [{ assets: [name], parameters: [{}] }] })).appRuns[0]!.result_data[0];

    const first = await poll();
    expect(first.status, first.message).toBe("success");
    expect(first.summary).toMatchObject({ containers_created: 2, total_events: 2 });
    const firstJob = jobs.get(first.summary.sid)!;
    expect(firstJob).toMatchObject({ search: "search index=notable", earliest: "-24h" });
    const brute = await db.container.findFirstOrThrow({ where: { sourceDataIdentifier: `${tag}-1` }, include: { artifacts: true } });
    expect(brute).toMatchObject({ name: "Notable: Brute force", severity: "high" });
    expect(brute.artifacts[0]!.cef).toMatchObject({ sourceAddress: "203.0.113.7", destinationUserName: "alice", event_id: `${tag}-1` });
    expect(brute.artifacts[0]!.cef).not.toHaveProperty("_bkt");
    const beacon = await db.container.findFirstOrThrow({ where: { sourceDataIdentifier: `${tag}-2` }, include: { artifacts: true } });
    expect(beacon.artifacts[0]!.cef).toMatchObject({ destinationAddress: "198.51.100.23", requestURL: "http://c2.example/b" });

    // A new notable after the first window: the second poll starts where the first ended.
    NOTABLES.push({ _time: new Date().toISOString(), event_id: `${tag}-3`, rule_name: "Late one", urgency: "low" });
    await new Promise((r) => setTimeout(r, 1100));
    const second = await poll();
    expect(jobs.get(second.summary.sid)!.earliest).toBe(firstJob.latest);
    expect(second.summary).toMatchObject({ containers_created: 1, total_events: 1 });
    expect(await db.container.count({ where: { sourceDataIdentifier: { startsWith: tag } } })).toBe(3);
  }, 120_000);
});
