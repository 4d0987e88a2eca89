import { APP_MAX_BYTES, installApp } from "@/lib/domain/app-install";
import { listApps } from "@/lib/domain/apps";
import { appInstallSchema } from "@/lib/schemas/assets";
import { appToRest } from "@/lib/rest/shapes-apps";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("apps.read", async (ctx) => {
  const page = await listApps(ctx.list());
  return { count: page.count, num_pages: page.numPages, data: page.data.map((a) => appToRest(a, { detail: false })) };
});

/** Installs or upgrades an app from its tarball: {"app": "<base64 of a .tgz with manifest.json and index.js>"}. */
export const POST = withRest(
  "apps.write",
  async (ctx) => {
    const input = await ctx.body(appInstallSchema);
    const { app, upgraded, previousVersion } = await installApp(Buffer.from(input.app, "base64"), ctx.actor);
    return { success: true, id: app.id, app_version: app.appVersion, upgraded, previous_version: previousVersion };
  },
  // base64 is 4/3 the size of the tarball, plus the JSON around it.
  { maxBody: Math.ceil((APP_MAX_BYTES * 4) / 3) + 64 * 1024 },
);
