import { rotateWebhook } from "@/lib/domain/webhooks/webhooks";
import { webhookToRest } from "@/lib/rest/shapes-webhooks";
import { webhookRotateSchema } from "@/lib/schemas/webhooks";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

/** A new URL (the old one answers 404 from now on); `{"secret": true}` also a new signing secret, answered once. */
export const POST = withRest("admin.settings", async (ctx) => {
  const id = ctx.id();
  const text = (await ctx.request.clone().text()).trim();
  const opts = text ? await ctx.body(webhookRotateSchema) : { secret: false };
  const { webhook, secret } = await rotateWebhook(id, opts, ctx.actor);
  return { success: true, ...webhookToRest(webhook, ctx.request), ...(secret ? { secret } : {}) };
});

export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
