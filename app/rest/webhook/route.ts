import { createWebhook, listWebhooks } from "@/lib/domain/webhooks/webhooks";
import { webhookToRest } from "@/lib/rest/shapes-webhooks";
import { newWebhookSchema } from "@/lib/schemas/webhooks";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("admin.settings", async (ctx) => {
  const hooks = await listWebhooks();
  return { count: hooks.length, num_pages: 1, data: hooks.map((w) => webhookToRest(w, ctx.request)) };
});

export const POST = withRest("admin.settings", async (ctx) => {
  const { webhook, secret } = await createWebhook(await ctx.body(newWebhookSchema), ctx.actor);
  return { success: true, ...webhookToRest(webhook, ctx.request), ...(secret ? { secret } : {}) };
});

export { methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
