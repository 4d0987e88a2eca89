import { cancelActionRun, getActionRun } from "@/lib/domain/action-runs";
import { actionRunUpdateSchema } from "@/lib/schemas/assets";
import { actionRunToRest } from "@/lib/rest/shapes-apps";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("apps.read", async (ctx) => actionRunToRest(await getActionRun(ctx.id()), { detail: true }));

/** Phantom cancels an action run with POST {"cancel": true}. */
export const POST = withRest("actions.run", async (ctx) => {
  const id = ctx.id();
  await ctx.body(actionRunUpdateSchema);
  const run = await cancelActionRun(id, ctx.actor);
  return { success: true, id, status: run.status };
});
