// The AbuseIPDB app against a local server on loopback speaking the documented AbuseIPDB API v2
// (GET /api/v2/check, POST /api/v2/report, {"errors": [{"detail", "status"}]} bodies,
// Retry-After on 429), started by this test; and its failure paths.
import type http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TransientError } from "@/lib/apps/sdk";
import { freePort } from "@/lib/testing/ports";
import { readBody, startHttpServer, type TestServer } from "@/lib/testing/action-kit";
import { testContext } from "../app-test-context";
import app from "./index";

const KEY = "abuse-test-key";
const reported: Record<string, string>[] = [];
const held: http.ServerResponse[] = [];

async function handler(req: http.IncomingMessage, res: http.ServerResponse) {
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) => res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
  const url = new URL(req.url ?? "/", "http://x");
  const key = req.headers.key;
  if (key === "limited") {
    return json(429, { errors: [{ detail: "Daily rate limit of 1000 requests exceeded for this endpoint. See headers for additional details.", status: 429 }] },
      { "retry-after": "30", "x-ratelimit-limit": "1000", "x-ratelimit-remaining": "0" });
  }
  if (key !== KEY) return json(401, { errors: [{ detail: "Authentication failed. Your API key is either missing, incorrect, or revoked. Note: The APIv2 key differs from the APIv1 key.", status: 401 }] });
  if (url.pathname === "/api/v2/check") {
    const ip = url.searchParams.get("ipAddress");
    if (ip === "198.51.100.1") return json(500, { errors: [{ detail: "Internal error", status: 500 }] });
    if (ip === "198.51.100.2") return res.writeHead(200, { "content-type": "text/html" }).end("<html>Cloudflare</html>");
    if (ip === "198.51.100.3") return void held.push(res);
    return json(200, { data: {
      ipAddress: ip, isPublic: true, ipVersion: 4, isWhitelisted: false, abuseConfidenceScore: ip === "203.0.113.9" ? 100 : 0,
      countryCode: "NL", countryName: "Netherlands", usageType: "Data Center/Web Hosting/Transit", isp: "Example Hosting", domain: "example.net",
      totalReports: ip === "203.0.113.9" ? 2 : 0, numDistinctUsers: ip === "203.0.113.9" ? 2 : 0, lastReportedAt: "2026-12-01T10:18:49+00:00",
      maxAgeInDays: url.searchParams.get("maxAgeInDays"),
      reports: ip === "203.0.113.9" ? [
        { reportedAt: "2026-12-01T10:18:49+00:00", comment: "SSH brute force", categories: [18, 22], reporterId: 1, reporterCountryCode: "US", reporterCountryName: "United States" },
        { reportedAt: "2026-11-30T08:00:00+00:00", comment: "port scan", categories: [14], reporterId: 2, reporterCountryCode: "DE", reporterCountryName: "Germany" },
      ] : [],
    } });
  }
  if (url.pathname === "/api/v2/report" && req.method === "POST") {
    const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
    reported.push(form);
    return json(200, { data: { ipAddress: form.ip, abuseConfidenceScore: 52 } });
  }
  json(404, { errors: [{ detail: "Not found", status: 404 }] });
}

let server: TestServer;
beforeAll(async () => void (server = await startHttpServer((req, res) => void handler(req, res))));
afterAll(async () => {
  for (const res of held) res.destroy();
  await server.close();
});
const ctx = (config: Record<string, unknown> = {}) => testContext({ base_url: server.url, api_key: KEY, timeout: 2, ...config });

describe("AbuseIPDB", () => {
  it("lookup ip: AbuseIPDB's answer as the data row, reports found in the summary", async () => {
    const result = await app.actions.lookup_ip!(ctx(), { ip: "203.0.113.9", days: 30 });
    expect(result).toMatchObject({ status: "success", message: "IP lookup complete. Reports found: 2", summary: { reports_found: 2 } });
    expect(result.data[0]).toMatchObject({ data: { ipAddress: "203.0.113.9", abuseConfidenceScore: 100, countryCode: "NL", maxAgeInDays: "30", reports: [{ categories: [18, 22] }, { comment: "port scan" }] } });
    expect((await app.actions.lookup_ip!(ctx(), { ip: "192.0.2.1" })).data[0]).toMatchObject({ data: { maxAgeInDays: "10", totalReports: 0 } });
  });

  it("post ip files the categories and comment and says how many", async () => {
    const result = await app.actions.report_ip!(ctx(), { ip: "203.0.113.9", category_ids: "18, 22", comment: "SSH brute force from Vigil" });
    expect(result).toMatchObject({ status: "success", message: "IP reported. Number of categories filed: 2, Comment length: 26", summary: { categories_filed: 2, comment_length: 26 }, data: [{ data: { ipAddress: "203.0.113.9", abuseConfidenceScore: 52 } }] });
    expect(reported.at(-1)).toEqual({ ip: "203.0.113.9", categories: "18,22", comment: "SSH brute force from Vigil" });
  });

  it("bad input is refused before any call", async () => {
    const before = reported.length;
    expect((await app.actions.report_ip!(ctx(), { ip: "203.0.113.9", category_ids: "18, ninety" })).message).toBe('category_ids: expected a comma-separated list of AbuseIPDB category numbers (1-23), got "18, ninety"');
    expect((await app.actions.lookup_ip!(ctx(), { ip: "203.0.113.9", days: 900 })).message).toBe("days: expected a whole number of days from 1 to 365, got 900");
    expect((await app.actions.lookup_ip!(ctx(), { ip: "bogus" })).status).toBe("failed");
    expect(reported.length).toBe(before);
  });

  it("a wrong key fails with AbuseIPDB's reason; test connectivity passes and fails accordingly", async () => {
    expect(await app.actions.lookup_ip!(ctx({ api_key: "nope" }), { ip: "192.0.2.1" })).toMatchObject({
      status: "failed",
      message: "AbuseIPDB refused the credentials (401): Authentication failed. Your API key is either missing, incorrect, or revoked. Note: The APIv2 key differs from the APIv1 key; check the asset's api_key",
    });
    expect(await app.actions.test_connectivity!(ctx(), {})).toMatchObject({ status: "success", message: "Test Connectivity Passed" });
    expect((await app.actions.test_connectivity!(ctx({ api_key: "nope" }), {})).message).toMatch(/^Test Connectivity Failed\. AbuseIPDB refused the credentials/);
  });

  it("429 waits for Retry-After, 5xx and refused connections are retried; silence and non-JSON fail", async () => {
    const limited = await app.actions.lookup_ip!(ctx({ api_key: "limited" }), { ip: "192.0.2.1" }).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(TransientError);
    expect(limited).toMatchObject({ retryAfterMs: 30_000, message: "AbuseIPDB is rate limiting this API key (429): Daily rate limit of 1000 requests exceeded for this endpoint. See headers for additional details" });
    await expect(app.actions.lookup_ip!(ctx(), { ip: "198.51.100.1" })).rejects.toThrow(new TransientError("AbuseIPDB answered 500: Internal error"));
    const port = await freePort();
    await expect(app.actions.lookup_ip!(ctx({ base_url: `http://127.0.0.1:${port}` }), { ip: "192.0.2.1" })).rejects.toThrow(`AbuseIPDB at http://127.0.0.1:${port} refused the connection`);
    expect((await app.actions.lookup_ip!(ctx(), { ip: "198.51.100.2" })).message).toMatch(/^AbuseIPDB answered with a body that is not JSON .*<html>Cloudflare<\/html>$/);
    expect((await app.actions.lookup_ip!(ctx({ timeout: 1 }), { ip: "198.51.100.3" })).message).toBe(`AbuseIPDB at ${server.url} did not answer within 1 s (the asset's timeout)`);
  });
});
