import { getPlaybook, setPlaybookActive, updatePlaybook } from "@/lib/domain/playbooks";
import { playbookToRest } from "@/lib/rest/playbooks";
import { withRest } from "@/lib/rest/with-rest";
import { playbookSchema, playbookUpdateSchema } from "@/lib/schemas/playbooks";

export const dynamic = "force-dynamic";

export const GET = withRest("playbooks.read", async (ctx) => playbookToRest(await getPlaybook(ctx.id()), { detail: true }));

/** `{active: bool}` alone (de)activates; a whole playbook body saves a new version. */
export const POST = withRest("playbooks.write", async (ctx) => {
  const body = await ctx.json();
  const small = playbookUpdateSchema.safeParse(body);
  if (small.success) {
    const p = await setPlaybookActive(ctx.id(), small.data.active, ctx.actor);
    return { success: true, id: p.id, active: p.active };
  }
  const p = await updatePlaybook(ctx.id(), await ctx.body(playbookSchema), ctx.actor);
  return { success: true, id: p.id, version: p.version };
});
