import { listPlaybookRuns, startPlaybookRun } from "@/lib/domain/playbooks";
import { playbookRunToRest } from "@/lib/rest/playbooks";
import { listToRest } from "@/lib/rest/shapes";
import { withRest } from "@/lib/rest/with-rest";
import { playbookRunSchema } from "@/lib/schemas/playbooks";

export const dynamic = "force-dynamic";

export const GET = withRest("playbooks.read", async (ctx) => listToRest(await listPlaybookRuns(ctx.list()), playbookRunToRest));

/** Starts a run (SOAR's body: container_id, playbook_id as an id or "repo/name", scope, run, inputs). */
export const POST = withRest("playbooks.run", async (ctx) => {
  const input = await ctx.body(playbookRunSchema);
  if (!input.run) return { received: true, playbook_run_id: null, message: "run is false: nothing started" };
  const run = await startPlaybookRun({ playbook: input.playbook_id, containerId: input.container_id, scope: input.scope, inputs: input.inputs }, ctx.actor);
  return { received: true, playbook_run_id: run.id };
});
