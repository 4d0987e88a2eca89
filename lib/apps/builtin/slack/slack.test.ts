// The Slack app against a local server on loopback speaking the Slack Web API as documented
// (Bearer bot token, 200 with {"ok": false, "error"} for refusals, 429 with Retry-After, cursor
// paging) and an incoming webhook ("ok" as text, error words with 4xx), started by this test.
import type http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TransientError } from "@/lib/apps/sdk";
import { freePort } from "@/lib/testing/ports";
import { readBody, startHttpServer, type TestServer } from "@/lib/testing/action-kit";
import { testContext } from "../app-test-context";
import app from "./index";

const TOKEN = "xoxb-test-token";
const posted: Record<string, unknown>[] = [];
const hooked: unknown[] = [];
const held: http.ServerResponse[] = [];
const channels = Array.from({ length: 5 }, (_, i) => ({ id: `C00${i}`, name: `soc-${i}`, is_channel: true, is_private: false, num_members: i }));

async function handler(req: http.IncomingMessage, res: http.ServerResponse) {
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) => res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers }).end(JSON.stringify(body));
  const url = new URL(req.url ?? "/", "http://x");
  const body = await readBody(req);
  if (url.pathname.startsWith("/services/")) {
    if (url.pathname === "/services/T1/B1/good") {
      hooked.push(JSON.parse(body));
      return res.writeHead(200, { "content-type": "text/html" }).end("ok");
    }
    if (url.pathname === "/services/T1/B1/revoked") return res.writeHead(403, { "content-type": "text/html" }).end("invalid_token");
    return res.writeHead(404, { "content-type": "text/html" }).end("no_service");
  }
  const auth = req.headers.authorization;
  if (auth === "Bearer xoxb-limited") return json(429, { ok: false, error: "ratelimited" }, { "retry-after": "3" });
  if (url.pathname === "/api/auth.test") return auth === `Bearer ${TOKEN}` ? json(200, { ok: true, url: "https://example.slack.com/", team: "Example", user: "vigil", team_id: "T1", user_id: "U1", bot_id: "B1" }) : json(200, { ok: false, error: "invalid_auth" });
  if (auth !== `Bearer ${TOKEN}`) return json(200, { ok: false, error: auth ? "invalid_auth" : "not_authed" });
  if (url.pathname === "/api/chat.postMessage") {
    const args = JSON.parse(body) as Record<string, unknown>;
    if (args.channel === "nowhere") return json(200, { ok: false, error: "channel_not_found" });
    if (args.channel === "broken") return res.writeHead(502, { "content-type": "text/html" }).end("<html>Bad Gateway</html>");
    if (args.channel === "garbled") return res.writeHead(200, { "content-type": "text/html" }).end("<html>login</html>");
    if (args.channel === "silent") return void held.push(res);
    posted.push(args);
    const ts = `1764633600.00${posted.length}`;
    return json(200, { ok: true, channel: "C000", ts, message: { type: "message", subtype: "bot_message", text: args.text, ts, bot_id: "B1", thread_ts: args.thread_ts, blocks: args.blocks } });
  }
  if (url.pathname === "/api/conversations.list") {
    const start = Number(url.searchParams.get("cursor") ?? 0);
    const limit = Number(url.searchParams.get("limit"));
    const page = channels.slice(start, start + Math.min(limit, 2));
    const next = start + page.length < channels.length ? String(start + page.length) : "";
    return json(200, { ok: true, channels: page, response_metadata: { next_cursor: next } });
  }
  if (url.pathname === "/api/reactions.add") {
    const args = JSON.parse(body) as Record<string, unknown>;
    return args.timestamp === "1.0" ? json(200, { ok: false, error: "message_not_found" }) : json(200, { ok: true });
  }
  json(404, { ok: false, error: "unknown_method" });
}

let server: TestServer;
beforeAll(async () => void (server = await startHttpServer((req, res) => void handler(req, res))));
afterAll(async () => {
  for (const res of held) res.destroy();
  await server.close();
});
const ctx = (config: Record<string, unknown> = {}) => testContext({ base_url: `${server.url}/api`, bot_token: TOKEN, timeout: 2, ...config });

describe("Slack", () => {
  it("send message posts with chat.postMessage and returns Slack's answer as SOAR's data row", async () => {
    const result = await app.actions.send_message!(ctx(), { destination: "#soc", message: "Container 42 needs eyes", link_names: true });
    expect(result).toMatchObject({ status: "success", message: "Message sent successfully", data: [{ ok: true, channel: "C000", message: { text: "Container 42 needs eyes" } }] });
    expect(posted.at(-1)).toEqual({ channel: "soc", text: "Container 42 needs eyes", link_names: true });
    const ts = (result.data[0] as { ts: string }).ts;
    const reply = await app.actions.send_message!(ctx(), { destination: "C000", blocks: '[{"type":"section","text":{"type":"mrkdwn","text":"*done*"}}]', parent_message_ts: ts, reply_broadcast: true });
    expect(reply.status).toBe("success");
    expect(posted.at(-1)).toMatchObject({ channel: "C000", thread_ts: ts, reply_broadcast: true, blocks: [{ type: "section" }] });
  });

  it("without a bot token, send message uses the incoming webhook", async () => {
    const result = await app.actions.send_message!(ctx({ bot_token: "", webhook_url: `${server.url}/services/T1/B1/good` }), { destination: "#ignored", message: "via webhook" });
    expect(result).toMatchObject({ status: "success", data: [{ ok: true, response: "ok" }] });
    expect(hooked.at(-1)).toEqual({ text: "via webhook" });
    const revoked = await app.actions.send_message!(ctx({ bot_token: "", webhook_url: `${server.url}/services/T1/B1/revoked` }), { destination: "x", message: "m" });
    expect(revoked.message).toBe("Slack webhook refused the credentials (403): invalid_token; check the asset's webhook_url");
    expect((await app.actions.send_message!(ctx({ bot_token: "", webhook_url: `${server.url}/services/none` }), { destination: "x", message: "m" })).message).toBe("Slack webhook refused the request with 404: no_service");
  });

  it("list channels follows the cursor up to the limit; add reaction", async () => {
    const result = await app.actions.list_channels!(ctx(), { limit: 3 });
    expect(result).toMatchObject({ status: "success", summary: { num_public_channels: 3 } });
    expect((result.data[0] as { channels: { id: string }[] }).channels.map((c) => c.id)).toEqual(["C000", "C001", "C002"]);
    expect(await app.actions.add_reaction!(ctx(), { destination: "C000", emoji: ":eyes:", message_ts: "1764633600.001" })).toMatchObject({ status: "success", data: [{ ok: true }] });
    expect((await app.actions.add_reaction!(ctx(), { destination: "C000", emoji: "eyes", message_ts: "1.0" })).message).toBe("Slack refused reactions.add: message_not_found");
  });

  it("refusals are failed results with Slack's error code; bad input never reaches Slack", async () => {
    const before = posted.length;
    expect((await app.actions.send_message!(ctx(), { destination: "nowhere", message: "m" })).message).toBe("Slack refused chat.postMessage: channel_not_found");
    expect((await app.actions.send_message!(ctx({ bot_token: "xoxb-wrong" }), { destination: "soc", message: "m" })).message).toBe("Slack refused the bot token (invalid_auth); check the asset's bot_token and its scopes");
    expect((await app.actions.send_message!(ctx(), { destination: "soc" })).message).toBe("message or blocks: one of them is required");
    expect((await app.actions.send_message!(ctx(), { destination: "soc", blocks: "{not json" })).message).toMatch(/^blocks: not JSON/);
    expect((await app.actions.send_message!(ctx(), { destination: "garbled", message: "m" })).message).toMatch(/^Slack answered with a body that is not JSON .*<html>login<\/html>$/);
    expect(posted.length).toBe(before);
    expect(await app.actions.test_connectivity!(ctx(), {})).toMatchObject({ status: "success" });
    expect((await app.actions.test_connectivity!(ctx({ bot_token: "xoxb-wrong" }), {})).message).toBe("Test Connectivity Failed. Slack refused the bot token (invalid_auth); check the asset's bot_token and its scopes");
  });

  it("a server that never answers fails the action at the asset's timeout", async () => {
    const result = await app.actions.send_message!(ctx({ timeout: 1 }), { destination: "silent", message: "m" });
    expect(result).toMatchObject({ status: "failed", message: `Slack at ${server.url} did not answer within 1 s (the asset's timeout)` });
  });

  it("429 waits for Retry-After; 5xx and refused connections are retried", async () => {
    await expect(app.actions.send_message!(ctx({ bot_token: "xoxb-limited" }), { destination: "soc", message: "m" })).rejects.toMatchObject({ name: "TransientError", message: "Slack is rate limiting this API key (429): ratelimited", retryAfterMs: 3000 });
    await expect(app.actions.send_message!(ctx(), { destination: "broken", message: "m" })).rejects.toThrow(new TransientError("Slack answered 502: <html>Bad Gateway</html>"));
    const port = await freePort();
    await expect(app.actions.send_message!(ctx({ base_url: `http://127.0.0.1:${port}/api` }), { destination: "soc", message: "m" })).rejects.toThrow(`Slack at http://127.0.0.1:${port} refused the connection`);
  });
});
