// The Microsoft Teams app against local servers on loopback that behave as Teams' webhooks do:
// a Workflows webhook (Adaptive Card message in, 202 with no body out, 401 with a JSON error for
// a bad signature) and a classic connector (MessageCard in, "1" out, 400 "Bad payload ..."),
// started by this test.
import type http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TransientError } from "@/lib/apps/sdk";
import { freePort } from "@/lib/testing/ports";
import { readBody, startHttpServer, type TestServer } from "@/lib/testing/action-kit";
import { testContext } from "../app-test-context";
import app from "./index";

const received: { path: string; body: Record<string, unknown> }[] = [];
const held: http.ServerResponse[] = [];

async function handler(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? "/", "http://x");
  const raw = await readBody(req);
  const text = (status: number, body: string, headers: Record<string, string> = {}) => res.writeHead(status, { "content-type": "text/plain", ...headers }).end(body);
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(raw);
  } catch {
    return text(400, "Bad payload received by generic incoming webhook.");
  }
  if (url.pathname === "/workflows/hook") {
    if (url.searchParams.get("sig") !== "good") {
      return res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "DirectApiAuthorizationRequired", message: "The request must be authenticated only by Shared Access scheme." } }));
    }
    const card = (body.attachments as { contentType?: string; content?: { type?: string } }[] | undefined)?.[0];
    if (body.type !== "message" || card?.contentType !== "application/vnd.microsoft.card.adaptive" || card.content?.type !== "AdaptiveCard") return text(400, "Bad Request: not an Adaptive Card message");
    received.push({ path: url.pathname, body });
    return res.writeHead(202).end();
  }
  if (url.pathname === "/webhookb2/good") {
    if (body["@type"] !== "MessageCard" || typeof body.text !== "string") return text(400, "Bad payload received by generic incoming webhook.");
    received.push({ path: url.pathname, body });
    return text(200, "1");
  }
  if (url.pathname === "/webhookb2/throttled") return text(429, "Microsoft Teams endpoint returned HTTP error 429 with ContextId tcid=0", { "retry-after": "5" });
  if (url.pathname === "/webhookb2/refusing") return text(200, "Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error 413 with ContextId tcid=0");
  if (url.pathname === "/webhookb2/portal") return res.writeHead(200, { "content-type": "text/html" }).end("<html><title>Sign in to continue</title></html>");
  if (url.pathname === "/webhookb2/slow") return void held.push(res);
  text(404, "Not Found");
}

let server: TestServer;
beforeAll(async () => void (server = await startHttpServer((req, res) => void handler(req, res))));
afterAll(async () => {
  for (const res of held) res.destroy();
  await server.close();
});
const workflow = (config: Record<string, unknown> = {}) => testContext({ webhook_url: `${server.url}/workflows/hook?api-version=1&sig=good`, timeout: 2, ...config });
const connector = (path: string, config: Record<string, unknown> = {}) => testContext({ webhook_url: `${server.url}/webhookb2/${path}`, webhook_type: "connector", timeout: 2, ...config });

describe("Microsoft Teams", () => {
  it("send message posts an Adaptive Card to a Workflows webhook", async () => {
    const result = await app.actions.send_message!(workflow(), { message: "Container **42** escalated", title: "Vigil" });
    expect(result).toMatchObject({ status: "success", message: "Message sent successfully", data: [{ status_code: 202, response: "" }] });
    const card = (received.at(-1)!.body.attachments as { content: { body: { text: string }[] } }[])[0]!.content;
    expect(card.body.map((b) => b.text)).toEqual(["Vigil", "Container **42** escalated"]);
  });

  it("send message posts a MessageCard to a classic connector", async () => {
    const result = await app.actions.send_message!(connector("good"), { message: "plain text" });
    expect(result).toMatchObject({ status: "success", data: [{ status_code: 200, response: "1" }] });
    expect(received.at(-1)).toEqual({ path: "/webhookb2/good", body: { "@type": "MessageCard", "@context": "https://schema.org/extensions", summary: "plain text", text: "plain text" } });
    expect(await app.actions.test_connectivity!(connector("good"), {})).toMatchObject({ status: "success", message: "Test Connectivity Passed" });
  });

  it("a bad signature, a removed webhook and Teams' own refusals are failed results saying so", async () => {
    expect((await app.actions.send_message!(workflow({ webhook_url: `${server.url}/workflows/hook?sig=bad` }), { message: "m" })).message)
      .toBe(`Microsoft Teams refused the credentials (401): {"error":{"code":"DirectApiAuthorizationRequired","message":"The request must be authenticated only by Shared Access scheme."}}; check the asset's webhook_url (it may have been removed or regenerated)`);
    expect((await app.actions.send_message!(connector("gone"), { message: "m" })).message).toBe("Microsoft Teams refused the request with 404: Not Found");
    expect((await app.actions.send_message!(connector("refusing"), { message: "m" })).message).toBe("Microsoft Teams did not deliver the card: Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error 413 with ContextId tcid=0");
    // A malformed answer: 200 from something that is not a Teams connector.
    expect(await app.actions.send_message!(connector("portal"), { message: "m" })).toMatchObject({
      status: "failed", message: 'Microsoft Teams answered 200 without a connector\'s "1", so the card was not delivered: <html><title>Sign in to continue</title></html>',
    });
    expect((await app.actions.send_message!(workflow(), { message: "  " })).message).toBe("message: required");
    expect((await app.actions.send_message!(workflow({ webhook_type: "teams" }), { message: "m" })).message).toBe('webhook_type: expected workflow or connector, got "teams"');
  });

  it("429 waits for Retry-After, a refused connection is retried, a silent webhook fails at the timeout", async () => {
    await expect(app.actions.send_message!(connector("throttled"), { message: "m" })).rejects.toMatchObject({ name: "TransientError", retryAfterMs: 5000 });
    const port = await freePort();
    await expect(app.actions.send_message!(connector("x", { webhook_url: `http://127.0.0.1:${port}/webhookb2/x` }), { message: "m" })).rejects.toThrow(new TransientError(`Microsoft Teams at http://127.0.0.1:${port} refused the connection`));
    expect((await app.actions.send_message!(connector("slow", { timeout: 1 }), { message: "m" })).message).toBe(`Microsoft Teams at ${server.url} did not answer within 1 s (the asset's timeout)`);
  });
});
