// VirusTotal through the job runner: a 429 with Retry-After is waited out and the same run
// succeeds on its next attempt; a refused key is a failed app run at once with the reason.
import type http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";
import { runAction, startHttpServer, type TestServer } from "@/lib/testing/action-kit";

let admin: Client;
let server: TestServer;
let containerId: number;
const hits: number[] = [];

function handler(req: http.IncomingMessage, res: http.ServerResponse) {
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) => res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
  if (req.headers["x-apikey"] !== "vt-key") return json(401, { error: { code: "WrongCredentialsError", message: "Wrong API key" } });
  hits.push(Date.now());
  if (hits.length === 1) return json(429, { error: { code: "QuotaExceededError", message: "Quota exceeded" } }, { "retry-after": "2" });
  json(200, { data: { id: "203.0.113.7", type: "ip_address", links: { self: "" }, attributes: { last_analysis_stats: { harmless: 1, malicious: 3, suspicious: 0, undetected: 2 } } } });
}

beforeAll(async () => {
  admin = await tokenClient("administrator");
  server = await startHttpServer(handler);
  containerId = (await admin.call("POST", "/rest/container", { name: "vt runs" })).body.id;
});
afterAll(async () => server?.close());

const asset = async (apikey: string) => {
  const name = unique("vt");
  expect((await admin.call("POST", "/rest/asset", { name, product_vendor: "VirusTotal", product_name: "VirusTotal v3", configuration: { apikey, base_url: server.url } })).status).toBe(200);
  return name;
};

describe("VirusTotal through the runner", () => {
  it("waits out a 429's Retry-After and succeeds on the next attempt with SOAR's summary", async () => {
    const { appRuns } = await runAction(admin, { action: "ip reputation", container_id: containerId, targets: [{ assets: [await asset("vt-key")], parameters: [{ ip: "203.0.113.7" }] }] });
    expect(appRuns[0]).toMatchObject({ status: "success", attempt: 2 });
    expect(appRuns[0].result_data[0].summary).toMatchObject({ malicious: 3, source: "new from virustotal API" });
    expect(hits[1]! - hits[0]!).toBeGreaterThanOrEqual(1900);
  }, 60_000);

  it("a refused key fails the app run at once, naming the field", async () => {
    const { appRuns } = await runAction(admin, { action: "ip reputation", container_id: containerId, targets: [{ assets: [await asset("wrong")], parameters: [{ ip: "203.0.113.7" }] }] });
    expect(appRuns[0]).toMatchObject({ status: "failed", attempt: 1 });
    expect(appRuns[0].result_data[0].message).toBe("VirusTotal refused the credentials (401): WrongCredentialsError: Wrong API key; check the asset's apikey");
  }, 60_000);
});
