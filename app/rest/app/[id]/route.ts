import { getApp, setAppEnabled } from "@/lib/domain/apps";
import { appUpdateSchema } from "@/lib/schemas/assets";
import { appToRest } from "@/lib/rest/shapes-apps";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("apps.read", async (ctx) => appToRest(await getApp(ctx.id()), { detail: true }));

/** {"disabled": true} disables the app (its assets' runs are refused), false enables it again. */
export const POST = withRest("apps.write", async (ctx) => {
  const id = ctx.id();
  const app = await setAppEnabled(id, !(await ctx.body(appUpdateSchema)).disabled, ctx.actor);
  return { success: true, id, disabled: !app.enabled };
});
