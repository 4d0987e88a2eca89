// Microsoft Teams app over an incoming webhook: `send message` posts to the webhook's channel,
// as an Adaptive Card message for a Workflows webhook (Microsoft's replacement of Office 365
// connectors, which answers 202 with no body) or as a MessageCard for a classic connector
// (which answers 200 "1", and 200 with an error text when Teams itself refused the card). SOAR's
// Teams app speaks Microsoft Graph with an Azure AD application instead; this one needs only
// the URL a channel owner creates.
import { failed, success, type ActionHandler, type AppContext, type AppModule } from "@/lib/apps/sdk";
import { callService, configNumber, configText, connectivityTest, serviceAction, ServiceFailure } from "../service-call";

const NAME = "Microsoft Teams";

/** The body Teams expects for the configured kind of webhook. */
export function teamsPayload(kind: string, message: string, title?: string): unknown {
  if (kind === "connector") {
    return { "@type": "MessageCard", "@context": "https://schema.org/extensions", summary: title || message.slice(0, 80), ...(title ? { title } : {}), text: message };
  }
  const body = [
    ...(title ? [{ type: "TextBlock", text: title, weight: "Bolder", size: "Medium", wrap: true }] : []),
    { type: "TextBlock", text: message, wrap: true },
  ];
  return {
    type: "message",
    attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", contentUrl: null, content: { $schema: "http://adaptivecards.io/schemas/adaptive-card.json", type: "AdaptiveCard", version: "1.4", body } }],
  };
}

async function post(ctx: AppContext, message: string, title?: string) {
  const url = configText(ctx.config, "webhook_url");
  if (!url) throw new ServiceFailure("the asset has no webhook_url: create a webhook for the channel in Teams and paste its URL");
  const kind = configText(ctx.config, "webhook_type", "workflow");
  if (kind !== "workflow" && kind !== "connector") throw new ServiceFailure(`webhook_type: expected workflow or connector, got "${kind}"`);
  const res = await callService(ctx, { name: NAME, baseUrl: url, timeoutS: configNumber(ctx.config, "timeout", 30), credentials: "the asset's webhook_url (it may have been removed or regenerated)" }, {
    method: "POST", path: url, json: teamsPayload(kind, message, title), expect: "text",
  });
  // A classic connector answers 200 even when it refused the card, with the reason as text.
  if (kind === "connector" && res.text.trim() !== "1") {
    if (/fail|error/i.test(res.text)) throw new ServiceFailure(`${NAME} did not deliver the card: ${res.text.slice(0, 200)}`);
    // Anything else (a proxy's login page, a different service at that URL) is no delivery either.
    throw new ServiceFailure(`${NAME} answered ${res.status} without a connector's "1", so the card was not delivered: ${res.text.slice(0, 200) || "(empty body)"}`);
  }
  return { status_code: res.status, response: res.text };
}

const sendMessage: ActionHandler = serviceAction(async (ctx, parameter) => {
  const message = typeof parameter.message === "string" ? parameter.message : "";
  if (!message.trim()) return failed("message: required");
  const title = typeof parameter.title === "string" && parameter.title.trim() ? parameter.title.trim() : undefined;
  return success("Message sent successfully", [await post(ctx, message, title)]);
});

const app: AppModule = {
  actions: {
    // A webhook has no read-only call: the only check is a message, which says what it is.
    test_connectivity: connectivityTest((ctx) => post(ctx, "Vigil: test connectivity of this channel's webhook", "Vigil")),
    send_message: sendMessage,
  },
};
export default app;
