// The VirusTotal v3 app against a local server on loopback speaking VirusTotal's documented API
// v3 JSON (objects {id, type, links, attributes}, analyses queued then completed, {"error":
// {"code", "message"}} bodies), started by this test; and its failure paths.
import { createHash } from "node:crypto";
import type http from "node:http";
import Busboy from "busboy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TransientError } from "@/lib/apps/sdk";
import { freePort } from "@/lib/testing/ports";
import { startHttpServer, type TestServer } from "@/lib/testing/action-kit";
import { testContext } from "../app-test-context";
import app from "./index";

const KEY = "vt-test-key";
const sha256 = (v: string | Buffer) => createHash("sha256").update(v).digest("hex");
const EVIL_URL = "http://evil.example/login";
const FILE = Buffer.from("X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*");
const stats = (malicious: number) => ({ harmless: 60, malicious, suspicious: 1, undetected: 10, timeout: 0 });
const object = (type: string, id: string, attributes: Record<string, unknown>) => ({ data: { id, type, links: { self: `https://www.virustotal.com/api/v3/${type}s/${id}` }, attributes } });

const submissions: string[] = [];
const analysisPolls = new Map<string, number>();
const held: http.ServerResponse[] = [];
let limitedCalls = 0;

function analysis(id: string, meta: Record<string, unknown>, malicious: number) {
  const polls = (analysisPolls.get(id) ?? 0) + 1;
  analysisPolls.set(id, polls);
  const status = polls < 2 ? "queued" : "completed";
  return { data: { id, type: "analysis", links: { self: `https://www.virustotal.com/api/v3/analyses/${id}`, item: "" }, attributes: { date: 1764633600, status, stats: status === "completed" ? stats(malicious) : {}, results: {} } }, meta };
}

async function handler(req: http.IncomingMessage, res: http.ServerResponse) {
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) => res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
  const key = req.headers["x-apikey"];
  if (key === "vt-limited") {
    limitedCalls++;
    return json(429, { error: { code: "QuotaExceededError", message: "Quota exceeded" } }, { "retry-after": "12" });
  }
  if (key !== KEY) return json(401, { error: { code: "WrongCredentialsError", message: "Wrong API key" } });
  const path = new URL(req.url ?? "/", "http://x").pathname.replace(/^\/api\/v3\//, "");
  const [kind, id] = path.split("/");
  if (req.method === "POST" && path === "urls") {
    const body = new URLSearchParams(await new Response(req as unknown as BodyInit).text());
    const url = body.get("url") ?? "";
    submissions.push(url);
    return json(200, { data: { type: "analysis", id: `u-${sha256(url)}-1764633600`, links: { self: "" } } });
  }
  if (req.method === "POST" && path === "files") {
    const chunks: Buffer[] = [];
    const bb = Busboy({ headers: req.headers });
    bb.on("file", (_name, stream) => stream.on("data", (c: Buffer) => chunks.push(c)));
    bb.on("close", () => {
      const content = Buffer.concat(chunks);
      submissions.push(`file:${sha256(content)}`);
      json(200, { data: { type: "analysis", id: Buffer.from(`${createHash("md5").update(content).digest("hex")}:1764633600`).toString("base64") } });
    });
    return void req.pipe(bb);
  }
  if (kind === "ip_addresses" && id === "203.0.113.7") return json(200, object("ip_address", id, { as_owner: "Example Hosting", asn: 64500, country: "NL", last_analysis_stats: stats(7), reputation: -20 }));
  if (kind === "ip_addresses" && id === "8.8.8.8") return json(200, object("ip_address", id, { last_analysis_stats: stats(0) }));
  if (kind === "ip_addresses" && id === "198.51.100.99") return json(503, { error: { code: "TransientError", message: "Please retry" } });
  if (kind === "domains" && id === "evil.example") return json(200, object("domain", id, { last_analysis_stats: stats(4), registrar: "Example Registrar", categories: { Sophos: "phishing" } }));
  if (kind === "domains" && id === "garbled.example") return res.writeHead(200, { "content-type": "text/html" }).end("<html>maintenance</html>");
  if (kind === "domains" && id === "slow.example") return void held.push(res);
  if (kind === "urls" && (id === Buffer.from(EVIL_URL).toString("base64url") || id === sha256(EVIL_URL))) {
    return json(200, object("url", sha256(EVIL_URL), { url: EVIL_URL, last_analysis_stats: stats(9), title: "Sign in" }));
  }
  if (kind === "files" && id === sha256(FILE)) return json(200, object("file", id, { sha256: id, size: FILE.length, meaningful_name: "eicar.com", last_analysis_stats: stats(55) }));
  if (kind === "analyses" && id?.startsWith("u-")) return json(200, analysis(id, { url_info: { id: sha256(EVIL_URL), url: EVIL_URL } }, 9));
  if (kind === "analyses" && id && id.length > 20) return json(200, analysis(id, { file_info: { sha256: sha256(FILE), size: FILE.length } }, 55));
  json(404, { error: { code: "NotFoundError", message: `Resource "${id}" not found` } });
}

let server: TestServer;
beforeAll(async () => void (server = await startHttpServer((req, res) => void handler(req, res))));
afterAll(async () => {
  for (const res of held) res.destroy();
  await server.close();
});
const ctx = (config: Record<string, unknown> = {}) => testContext({ base_url: server.url, apikey: KEY, timeout: 2, ...config });

describe("VirusTotal v3 reputation actions", () => {
  it("ip reputation: VirusTotal's object as the data row and SOAR's verdict summary", async () => {
    const result = await app.actions.ip_reputation!(ctx(), { ip: "203.0.113.7" });
    expect(result).toMatchObject({ status: "success", message: "Successfully fetched IP reputation: 7 malicious, 1 suspicious" });
    expect(result.data[0]).toMatchObject({ id: "203.0.113.7", type: "ip_address", attributes: { as_owner: "Example Hosting", asn: 64500, last_analysis_stats: { malicious: 7 } } });
    expect(result.summary).toEqual({ harmless: 60, malicious: 7, suspicious: 1, undetected: 10, source: "new from virustotal API" });
  });

  it("domain, url and file reputation read their objects; url reputation gives the scan id", async () => {
    const domain = await app.actions.domain_reputation!(ctx(), { domain: "Evil.Example" });
    expect(domain.data[0]).toMatchObject({ id: "evil.example", attributes: { registrar: "Example Registrar" } });
    const url = await app.actions.url_reputation!(ctx(), { url: EVIL_URL });
    expect(url.summary).toMatchObject({ malicious: 9, scan_id: sha256(EVIL_URL) });
    expect(url.data[0]).toMatchObject({ attributes: { url: EVIL_URL, title: "Sign in" } });
    const file = await app.actions.file_reputation!(ctx(), { hash: sha256(FILE).toUpperCase() });
    expect(file).toMatchObject({ status: "success", summary: { malicious: 55 }, data: [{ attributes: { meaningful_name: "eicar.com" } }] });
  });

  it("unknown objects and bad input are failed results that say why", async () => {
    expect(await app.actions.ip_reputation!(ctx(), { ip: "192.0.2.200" })).toMatchObject({ status: "failed", message: "VirusTotal has no report for the IP 192.0.2.200" });
    expect(await app.actions.ip_reputation!(ctx(), { ip: "not-an-ip" })).toMatchObject({ status: "failed", message: 'Not a valid IP: "not-an-ip"' });
    expect((await app.actions.file_reputation!(ctx(), { hash: "xyz" })).message).toBe('Not a valid file: "xyz"');
  });
});

describe("VirusTotal v3 detonation", () => {
  it("detonate url submits the URL, polls the analysis until completed and returns SOAR's row", async () => {
    const result = await app.actions.detonate_url!(ctx(), { url: EVIL_URL, wait_time: 0 });
    const scanId = `u-${sha256(EVIL_URL)}-1764633600`;
    expect(submissions).toContain(EVIL_URL);
    expect(analysisPolls.get(scanId)).toBe(2);
    expect(result).toMatchObject({ status: "success", summary: { malicious: 9, scan_id: scanId } });
    expect(result.data[0]).toMatchObject({
      id: sha256(EVIL_URL),
      attributes: { url: EVIL_URL },
      data: { id: scanId, type: "analysis", attributes: { status: "completed", stats: { malicious: 9 } } },
      meta: { url_info: { id: sha256(EVIL_URL), url: EVIL_URL } },
    });
  });

  it("get report reads an analysis by scan id; one still queued past the polling time fails keeping the scan id", async () => {
    const scanId = `u-${sha256("http://other.example/")}-1764633600`;
    const pending = await app.actions.get_report!(ctx({ poll_interval: 0.001 }), { scan_id: scanId });
    expect(pending).toMatchObject({ status: "failed", summary: { scan_id: scanId } });
    expect(pending.message).toBe(`The analysis ${scanId} is still queued after the polling time; run get report with this scan_id later`);
    const done = await app.actions.get_report!(ctx(), { scan_id: scanId });
    expect(done).toMatchObject({ status: "success", data: [{ data: { attributes: { status: "completed" } }, meta: { url_info: { url: EVIL_URL } } }] });
  });

  it("detonate file uploads the vault file as multipart and reports on it", async () => {
    const vaultCtx = { ...ctx(), vault: { read: async (id: string) => (id === "vault-1" ? new Uint8Array(FILE) : Promise.reject(new Error("no such file"))), add: async () => Promise.reject(new Error("unused")), info: async () => Promise.reject(new Error("unused")) } };
    const result = await app.actions.detonate_file!(vaultCtx, { vault_id: "vault-1" });
    expect(submissions).toContain(`file:${sha256(FILE)}`);
    expect(result).toMatchObject({ status: "success", summary: { malicious: 55 }, data: [{ id: sha256(FILE), meta: { file_info: { sha256: sha256(FILE) } } }] });
    expect(await app.actions.detonate_file!(vaultCtx, { vault_id: "nope" })).toMatchObject({ status: "failed", message: "The vault has no file nope: no such file" });
  });
});

describe("VirusTotal v3 failure paths", () => {
  it("a wrong API key is a failed result naming the field to check; test connectivity says so too", async () => {
    const result = await app.actions.ip_reputation!(ctx({ apikey: "wrong" }), { ip: "203.0.113.7" });
    expect(result).toMatchObject({ status: "failed", message: "VirusTotal refused the credentials (401): WrongCredentialsError: Wrong API key; check the asset's apikey" });
    expect((await app.actions.test_connectivity!(ctx({ apikey: "wrong" }), {})).message).toMatch(/^Test Connectivity Failed\. VirusTotal refused the credentials \(401\)/);
    expect(await app.actions.test_connectivity!(ctx(), {})).toMatchObject({ status: "success", message: "Test Connectivity Passed" });
    expect((await app.actions.ip_reputation!(ctx({ apikey: "" }), { ip: "203.0.113.7" })).message).toBe("the asset has no apikey: set the VirusTotal API key in the asset's configuration");
  });

  it("429 is retried after the server's Retry-After; 5xx and a refused connection are retried too", async () => {
    const limited = await app.actions.ip_reputation!(ctx({ apikey: "vt-limited" }), { ip: "203.0.113.7" }).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(TransientError);
    expect(limited).toMatchObject({ message: "VirusTotal is rate limiting this API key (429): QuotaExceededError: Quota exceeded", retryAfterMs: 12_000 });
    expect(limitedCalls).toBe(1);
    const busy = await app.actions.ip_reputation!(ctx(), { ip: "198.51.100.99" }).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(TransientError);
    expect((busy as Error).message).toBe("VirusTotal answered 503: TransientError: Please retry");
    const port = await freePort();
    const refused = await app.actions.ip_reputation!(ctx({ base_url: `http://127.0.0.1:${port}` }), { ip: "203.0.113.7" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TransientError);
    expect((refused as Error).message).toBe(`VirusTotal at http://127.0.0.1:${port} refused the connection`);
  });

  it("a silent server fails at the asset's timeout; a body that is not JSON is a failed result", async () => {
    const started = Date.now();
    const slow = await app.actions.domain_reputation!(ctx({ timeout: 1 }), { domain: "slow.example" });
    expect(slow).toMatchObject({ status: "failed", message: `VirusTotal at ${server.url} did not answer within 1 s (the asset's timeout)` });
    expect(Date.now() - started).toBeLessThan(5000);
    const garbled = await app.actions.domain_reputation!(ctx(), { domain: "garbled.example" });
    expect(garbled.status).toBe("failed");
    expect(garbled.message).toMatch(/^VirusTotal answered with a body that is not JSON \(.*\): <html>maintenance<\/html>$/);
  });
});
