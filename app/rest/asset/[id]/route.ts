import { getAsset, updateAsset } from "@/lib/domain/assets";
import { assetUpdateSchema } from "@/lib/schemas/assets";
import { assetToRest } from "@/lib/rest/shapes-apps";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("apps.read", async (ctx) => assetToRest(await getAsset(ctx.id())));

export const POST = withRest("assets.manage", async (ctx) => {
  const id = ctx.id();
  await updateAsset(id, await ctx.body(assetUpdateSchema), ctx.actor);
  return { success: true, id };
});
