// Slack app: SOAR's Slack actions `send message`, `list channels`, `add reaction` and `test
// connectivity`, same identifiers, parameters and data paths, over the Slack Web API
// (chat.postMessage, conversations.list, reactions.add, auth.test with the bot token). Without
// a bot token, `send message` posts to an incoming webhook instead. The Web API answers 200 with
// {"ok": false, "error": "invalid_auth"} for most failures; those are failed results naming
// Slack's error code. Its 429 carries Retry-After, which the shared client honours.
import { failed, success, type ActionHandler, type AppContext, type AppModule } from "@/lib/apps/sdk";
import { callService, configNumber, configText, connectivityTest, serviceAction, ServiceFailure, type Service } from "../service-call";

const NAME = "Slack";
const AUTH_ERRORS = new Set(["not_authed", "invalid_auth", "account_inactive", "token_revoked", "token_expired", "no_permission", "missing_scope"]);
type SlackAnswer = Record<string, unknown> & { ok?: boolean; error?: string };

const errorText = (body: unknown) => (typeof (body as SlackAnswer | null)?.error === "string" ? (body as SlackAnswer).error : undefined);

function webApi(ctx: AppContext): Service {
  const token = configText(ctx.config, "bot_token");
  if (!token) throw new ServiceFailure("the asset has no bot_token: this action needs the Slack bot token (xoxb-...)");
  return {
    name: NAME,
    baseUrl: configText(ctx.config, "base_url", "https://slack.com/api"),
    headers: { authorization: `Bearer ${token}` },
    timeoutS: configNumber(ctx.config, "timeout", 30),
    credentials: "the asset's bot_token",
    errorText,
  };
}

/** One Web API method; `ok: false` becomes a ServiceFailure with Slack's error code. */
async function call(ctx: AppContext, method: string, args: { json?: Record<string, unknown>; query?: Record<string, string | number | undefined> }): Promise<SlackAnswer> {
  const res = await callService<SlackAnswer>(ctx, webApi(ctx), { method: args.json ? "POST" : "GET", path: method, json: args.json, query: args.query, headers: args.json ? { "content-type": "application/json; charset=utf-8" } : undefined });
  const body = res.body;
  if (!body || typeof body !== "object" || typeof body.ok !== "boolean") throw new ServiceFailure(`${NAME} answered ${method} without "ok"; the answer is not the Web API's JSON`);
  if (!body.ok) {
    const code = String(body.error ?? "unknown_error");
    if (AUTH_ERRORS.has(code)) throw new ServiceFailure(`${NAME} refused the bot token (${code}); check the asset's bot_token and its scopes`);
    throw new ServiceFailure(`${NAME} refused ${method}: ${code}`);
  }
  return body;
}

function parseBlocks(raw: unknown): unknown[] | undefined {
  if (raw === undefined || raw === null || raw === "") return undefined;
  let blocks: unknown;
  try {
    blocks = typeof raw === "string" ? JSON.parse(raw) : raw;
  } catch (error) {
    throw new ServiceFailure(`blocks: not JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(blocks)) throw new ServiceFailure("blocks: expected a JSON array of Block Kit blocks");
  return blocks;
}

/** An incoming webhook answers "ok" as text, or a status with an error word (invalid_payload, no_service, ...). */
async function viaWebhook(ctx: AppContext, url: string, text: string | undefined, blocks: unknown[] | undefined) {
  const res = await callService(ctx, { name: `${NAME} webhook`, baseUrl: url, timeoutS: configNumber(ctx.config, "timeout", 30), credentials: "the asset's webhook_url" }, {
    path: url, method: "POST", json: { text, blocks }, expect: "text",
  });
  return success("Message sent successfully", [{ ok: true, response: res.text }]);
}

const sendMessage: ActionHandler = serviceAction(async (ctx, parameter) => {
  const text = typeof parameter.message === "string" && parameter.message ? parameter.message : undefined;
  const blocks = parseBlocks(parameter.blocks);
  if (!text && !blocks) return failed("message or blocks: one of them is required");
  const webhook = configText(ctx.config, "webhook_url");
  if (!configText(ctx.config, "bot_token") && webhook) {
    if (parameter.parent_message_ts) return failed("parent_message_ts: an incoming webhook cannot reply in a thread; configure a bot_token");
    return viaWebhook(ctx, webhook, text, blocks);
  }
  const destination = String(parameter.destination ?? "").trim().replace(/^#/, "");
  if (!destination) return failed("destination: required (a channel such as #soc or C1A1A1AAA, or a user id)");
  const body = await call(ctx, "chat.postMessage", {
    json: {
      channel: destination,
      text,
      blocks,
      thread_ts: parameter.parent_message_ts || undefined,
      reply_broadcast: parameter.parent_message_ts ? parameter.reply_broadcast === true : undefined,
      link_names: parameter.link_names === true ? true : undefined,
    },
  });
  return success("Message sent successfully", [body]);
});

const listChannels: ActionHandler = serviceAction(async (ctx, parameter) => {
  const limit = parameter.limit === undefined || parameter.limit === "" ? 100 : Number(parameter.limit);
  if (!Number.isInteger(limit) || limit < 1) return failed(`limit: expected a positive whole number, got ${JSON.stringify(parameter.limit)}`);
  const channels: unknown[] = [];
  let cursor: string | undefined;
  let last: SlackAnswer = {};
  // conversations.list pages by cursor; Slack allows up to 1000 per page.
  do {
    last = await call(ctx, "conversations.list", { query: { limit: Math.min(1000, limit - channels.length), cursor, exclude_archived: "true" } });
    channels.push(...(Array.isArray(last.channels) ? last.channels : []));
    cursor = (last.response_metadata as { next_cursor?: string } | undefined)?.next_cursor || undefined;
  } while (cursor && channels.length < limit);
  const row = { ok: true, channels: channels.slice(0, limit), response_metadata: { next_cursor: cursor ?? "" } };
  return success(`Number of public channels: ${row.channels.length}`, [row], { num_public_channels: row.channels.length });
});

const addReaction: ActionHandler = serviceAction(async (ctx, parameter) => {
  const name = String(parameter.emoji ?? "").trim().replace(/^:|:$/g, "");
  if (!name) return failed("emoji: required");
  const body = await call(ctx, "reactions.add", { json: { channel: parameter.destination, name, timestamp: parameter.message_ts } });
  return success("Reaction added successfully", [body]);
});

const app: AppModule = {
  actions: {
    test_connectivity: connectivityTest(async (ctx) => {
      if (configText(ctx.config, "bot_token") || !configText(ctx.config, "webhook_url")) await call(ctx, "auth.test", { json: {} });
      // A webhook cannot be tested without posting; its URL's shape is all there is to check.
      else if (!/^https?:\/\//.test(configText(ctx.config, "webhook_url"))) throw new ServiceFailure("webhook_url is not an http(s) URL");
    }),
    send_message: sendMessage,
    list_channels: listChannels,
    add_reaction: addReaction,
  },
};
export default app;
