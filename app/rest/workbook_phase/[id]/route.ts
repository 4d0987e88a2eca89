import { getPhase, updatePhase } from "@/lib/domain/workbooks/container-workbooks";
import { phaseUpdateSchema } from "@/lib/schemas/workbooks";
import { phaseToRest } from "@/lib/rest/shapes-workbooks";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("containers.read", async (ctx) => phaseToRest(await getPhase(ctx.id())));

export const POST = withRest("containers.write", async (ctx) => {
  const id = ctx.id();
  await updatePhase(id, await ctx.body(phaseUpdateSchema), ctx.actor);
  return { success: true, id };
});

export { methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
