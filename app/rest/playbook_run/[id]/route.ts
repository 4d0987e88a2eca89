import { cancelPlaybookRun, getPlaybookRun } from "@/lib/domain/playbooks";
import { playbookRunToRest } from "@/lib/rest/playbooks";
import { withRest } from "@/lib/rest/with-rest";
import { playbookRunUpdateSchema } from "@/lib/schemas/playbooks";

export const dynamic = "force-dynamic";

export const GET = withRest("playbooks.read", async (ctx) => playbookRunToRest(await getPlaybookRun(ctx.id())));

/** `{cancel: true}` cancels the run (and the child runs it waits for). */
export const POST = withRest("playbooks.run", async (ctx) => {
  await ctx.body(playbookRunUpdateSchema);
  const run = await cancelPlaybookRun(ctx.id(), ctx.actor);
  return { success: true, id: run.id, status: run.status };
});
