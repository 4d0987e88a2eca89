import { listApps } from "@/lib/domain/apps";
import { appToRest } from "@/lib/rest/shapes-apps";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("apps.read", async (ctx) => {
  const page = await listApps(ctx.list());
  return { count: page.count, num_pages: page.numPages, data: page.data.map((a) => appToRest(a, { detail: false })) };
});
