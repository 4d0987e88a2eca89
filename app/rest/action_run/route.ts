import { createActionRun, listActionRuns } from "@/lib/domain/action-runs";
import { newActionRunSchema } from "@/lib/schemas/assets";
import { actionRunToRest } from "@/lib/rest/shapes-apps";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("apps.read", async (ctx) => {
  const page = await listActionRuns(ctx.list());
  return { count: page.count, num_pages: page.numPages, data: page.data.map((r) => actionRunToRest(r, { detail: false })) };
});

export const POST = withRest("actions.run", async (ctx) => {
  const run = await createActionRun(await ctx.body(newActionRunSchema), ctx.actor);
  return { success: true, action_run_id: run.id, id: run.id, message: "added" };
});
