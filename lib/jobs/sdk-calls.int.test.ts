// The SDK capabilities an app reaches across its process boundary, through the whole path:
// POST /rest/action_run, the worker of the running `vigil start`, an installed app's child
// process, and back: saveContainer (the REST ingestion code, dedup by source_data_identifier),
// the vault, and ctx.fetch through the asset's proxy with its TLS setting and a timeout, all
// against real servers on loopback.
import { createHash } from "node:crypto";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";
import { runAction, startHttpServer, type TestServer } from "@/lib/testing/action-kit";
import { installTestApp, selfSignedCert, startProxy, type TestProxy } from "@/lib/testing/app-kit";
import { sdkCall } from "./sdk-calls";

const PROXY_PASSWORD = "proxy-pw-7f3a9c";
const APP_CODE = `
module.exports = { actions: {
  on_poll: async (ctx, p) => {
    const saved = await ctx.saveContainer({ name: "polled " + p.sdi, source_data_identifier: p.sdi,
      artifacts: [{ name: "source", cef: { sourceAddress: "10.9.8.7" } }] });
    const added = await ctx.vault.add(p.container ?? saved.id, "evidence.txt", "hello " + p.sdi, { mimeType: "text/plain" });
    const back = Buffer.from(await ctx.vault.read(added.vault_id)).toString();
    return { status: "success", message: "polled", data: [{ saved, added, back }], summary: {} };
  },
  fetch_url: async (ctx, p) => {
    const res = await ctx.fetch(p.url, p.timeout_ms ? { timeoutMs: p.timeout_ms } : {});
    return { status: "success", message: "fetched", data: [{ status: res.status, body: await res.text(),
      via: res.headers.get("x-via-test-proxy"), asset: ctx.asset.name, config: ctx.config }], summary: {} };
  },
} };`;

let analyst: Client;
let admin: Client;
let containerId: number;
let target: TestServer;
let tls: https.Server;
let tlsUrl: string;
let proxy: TestProxy;
let vendor: string;

beforeAll(async () => {
  [admin, analyst] = [await tokenClient("administrator"), await tokenClient("analyst")];
  containerId = (await admin.call("POST", "/rest/container", { name: "sdk calls" })).body.id;
  target = await startHttpServer((req, res) => {
    if (req.url?.startsWith("/hold")) return;
    res.end(`plain ${req.url}`);
  });
  tls = https.createServer(await selfSignedCert(), (req, res) => res.end(`secure ${req.url}`));
  await new Promise<void>((resolve) => tls.listen(0, "127.0.0.1", resolve));
  tlsUrl = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
  proxy = await startProxy();
  vendor = unique("SDK Test");
  await installTestApp({
    appid: unique("sdk-test-app"), name: "SDK test", product_vendor: vendor, product_name: "Probe", app_version: "1.0.0",
    configuration: { proxy_url: { data_type: "password" }, verify_tls: { data_type: "boolean", default: true } },
    actions: [
      { action: "on poll", identifier: "on_poll", type: "ingest", parameters: { sdi: { data_type: "string", required: true }, container: { data_type: "numeric" } } },
      { action: "fetch url", identifier: "fetch_url", type: "investigate", parameters: { url: { data_type: "string", required: true }, timeout_ms: { data_type: "numeric" } } },
    ],
  }, APP_CODE);
});
afterAll(async () => {
  tls?.closeAllConnections();
  await Promise.all([target?.close(), proxy?.close(), new Promise((r) => tls ? tls.close(r) : r(null))]);
});

async function asset(configuration: Record<string, unknown>) {
  const name = unique("sdk");
  const created = await admin.call("POST", "/rest/asset", { name, product_vendor: vendor, product_name: "Probe", configuration });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  return name;
}

const run = (assetName: string, action: string, parameters: Record<string, unknown>[]) =>
  runAction(analyst, { action, container_id: containerId, targets: [{ assets: [assetName], parameters }] });

describe("the SDK across the process boundary", () => {
  it("saveContainer ingests through the REST code, once per source_data_identifier, and the vault stores and returns files", async () => {
    const name = await asset({});
    const sdi = unique("poll-sdi");
    const first = await run(name, "on poll", [{ sdi }]);
    expect(first.actionRun.status, JSON.stringify(first.appRuns[0]?.result_data)).toBe("success");
    const data = first.appRuns[0]!.result_data[0].data[0];
    expect(data.saved).toMatchObject({ existing: false, artifact_ids: [expect.any(Number)] });
    expect(data.added.vault_id).toBe(createHash("sha256").update(`hello ${sdi}`).digest("hex"));
    expect(data.added.sha256).toBe(data.added.vault_id);
    expect(data.back).toBe(`hello ${sdi}`);

    const container = await db.container.findUniqueOrThrow({ where: { id: data.saved.id } });
    expect(container).toMatchObject({ sourceDataIdentifier: sdi, label: "events", artifactCount: 1 });
    const attachment = await db.attachment.findUniqueOrThrow({ where: { id: data.added.id } });
    expect(attachment).toMatchObject({ containerId: data.saved.id, name: "evidence.txt", mimeType: "text/plain" });
    expect(attachment.createdById).toBe((await db.user.findUniqueOrThrow({ where: { username: analyst.username } })).id);
    const audit = await db.auditLog.findFirst({ where: { action: "container.create", containerId: data.saved.id } });
    expect(audit?.actorName).toBe(analyst.username);

    // The same event polled again: not a second container, and no artifacts added to the first.
    const again = await run(name, "on poll", [{ sdi }]);
    expect(again.appRuns[0]!.result_data[0].data[0].saved).toEqual({ id: data.saved.id, existing: true, artifact_ids: [] });
    expect(await db.container.count({ where: { sourceDataIdentifier: sdi } })).toBe(1);
  }, 60_000);

  it("turns refused SDK calls into failed results naming the field, and refuses saveContainer to apps without an ingest action", async () => {
    const name = await asset({});
    const bad = await run(name, "on poll", [{ sdi: unique("sdi"), container: 999_999_999 }]);
    expect(bad.actionRun.status).toBe("failed");
    expect(bad.appRuns[0]!.result_data[0].message).toMatch(/container_id: container 999999999 does not exist/);
    const calling = { id: 1, directory: "http", ingest: false, ingestLabel: null };
    await expect(sdkCall(calling, { creator_id: null, creator_name: "" }, "container.save", [{ name: "x", source_data_identifier: "y" }]))
      .rejects.toThrow("only apps with an ingest action may save containers");
    await expect(sdkCall({ ...calling, ingest: true }, { creator_id: null, creator_name: "" }, "container.save", [{ name: "x" }]))
      .rejects.toThrow(/^source_data_identifier: required/);
    await expect(sdkCall(calling, { creator_id: null, creator_name: "" }, "vault.read", ["../../etc/passwd"])).rejects.toThrow(/64 hex digits/);
  }, 60_000);

  it("ctx.fetch goes through the asset's proxy (credentials sealed, redacted) and honours verify_tls", async () => {
    const proxyUrl = `http://vigil:${PROXY_PASSWORD}@127.0.0.1:${proxy.port}`;
    const viaProxy = await asset({ proxy_url: proxyUrl, verify_tls: false });
    const before = proxy.seen.length;
    const { appRuns } = await run(viaProxy, "fetch url", [{ url: `${target.url}/plain` }, { url: `${tlsUrl}/secure` }]);
    expect(appRuns.map((r) => r.status)).toEqual(["success", "success"]);
    expect(appRuns[0]!.result_data[0].data[0]).toMatchObject({ status: 200, body: "plain /plain", via: "1", asset: viaProxy });
    expect(appRuns[1]!.result_data[0].data[0]).toMatchObject({ status: 200, body: "secure /secure" });
    expect(proxy.seen.slice(before)).toEqual([`GET ${target.url}/plain`, `CONNECT 127.0.0.1:${new URL(tlsUrl).port}`]);
    expect(proxy.auth.slice(before)).toEqual(Array(2).fill(`Basic ${Buffer.from(`vigil:${PROXY_PASSWORD}`).toString("base64")}`));
    // The app echoed its config; the sealed proxy URL is redacted from what was stored.
    expect(appRuns[0]!.result_data[0].data[0].config.proxy_url).toBe("[redacted]");
    expect(JSON.stringify(appRuns)).not.toContain(PROXY_PASSWORD);

    const verifying = await asset({});
    const refused = await run(verifying, "fetch url", [{ url: `${tlsUrl}/secure` }]);
    expect(refused.actionRun.status).toBe("failed");
    expect(refused.appRuns[0]!.result_data[0].message).toMatch(/self[- ]signed certificate/i);
  }, 60_000);

  it("ctx.fetch gives up at the request's timeout, and a bad proxy_url fails naming the field", async () => {
    const name = await asset({});
    const started = Date.now();
    const slow = await run(name, "fetch url", [{ url: `${target.url}/hold`, timeout_ms: 300 }]);
    expect(slow.appRuns[0]!.result_data[0].message).toMatch(/timeout/i);
    expect(Date.now() - started).toBeLessThan(15_000);
    const badProxy = await asset({ proxy_url: "socks5://127.0.0.1:1" });
    const refused = await run(badProxy, "fetch url", [{ url: `${target.url}/plain` }]);
    expect(refused.appRuns[0]!.result_data[0].message).toBe("proxy_url: expected an http:// or https:// proxy, not socks5:");
  }, 60_000);
});
