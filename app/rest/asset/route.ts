import { createAsset, listAssets } from "@/lib/domain/assets";
import { newAssetSchema } from "@/lib/schemas/assets";
import { assetToRest } from "@/lib/rest/shapes-apps";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("apps.read", async (ctx) => {
  const page = await listAssets(ctx.list());
  return { count: page.count, num_pages: page.numPages, data: page.data.map(assetToRest) };
});

export const POST = withRest("assets.manage", async (ctx) => {
  const asset = await createAsset(await ctx.body(newAssetSchema), ctx.actor);
  return { success: true, id: asset.id };
});
