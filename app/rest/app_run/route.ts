import { listAppRuns } from "@/lib/domain/action-runs";
import { appRunToRest } from "@/lib/rest/shapes-apps";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("apps.read", async (ctx) => {
  const page = await listAppRuns(ctx.list());
  return { count: page.count, num_pages: page.numPages, data: page.data.map((r) => appRunToRest(r, { detail: false })) };
});
