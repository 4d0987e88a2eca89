import { deleteWebhook, getWebhook, updateWebhook } from "@/lib/domain/webhooks/webhooks";
import { webhookToRest } from "@/lib/rest/shapes-webhooks";
import { webhookUpdateSchema } from "@/lib/schemas/webhooks";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("admin.settings", async (ctx) => webhookToRest(await getWebhook(ctx.id()), ctx.request));

export const POST = withRest("admin.settings", async (ctx) => {
  const id = ctx.id();
  return { success: true, ...webhookToRest(await updateWebhook(id, await ctx.body(webhookUpdateSchema), ctx.actor), ctx.request) };
});

export const DELETE = withRest("admin.settings", async (ctx) => {
  await deleteWebhook(ctx.id(), ctx.actor);
  return { success: true };
});

export { methodNotAllowed as PUT, methodNotAllowed as PATCH } from "@/lib/rest/methods";
