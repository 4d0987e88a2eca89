import { createPlaybook, listPlaybooks } from "@/lib/domain/playbooks";
import { playbookToRest } from "@/lib/rest/playbooks";
import { listToRest } from "@/lib/rest/shapes";
import { withRest } from "@/lib/rest/with-rest";
import { playbookSchema } from "@/lib/schemas/playbooks";

export const dynamic = "force-dynamic";

export const GET = withRest("playbooks.read", async (ctx) => listToRest(await listPlaybooks(ctx.list()), (p) => playbookToRest(p)));

/** Creates a playbook from Vigil's own JSON (lib/schemas/playbooks.ts); the SOAR import is separate. */
export const POST = withRest("playbooks.write", async (ctx) => {
  const p = await createPlaybook(await ctx.body(playbookSchema), ctx.actor);
  return { success: true, id: p.id, version: p.version };
});
