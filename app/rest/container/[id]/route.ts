import { deleteContainer, getContainer, updateContainer } from "@/lib/domain/containers";
import { containerUpdateSchema } from "@/lib/schemas/containers";
import { containerToRest } from "@/lib/rest/shapes";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("containers.read", async (ctx) => containerToRest(await getContainer(ctx.id()), { detail: true }));

export const POST = withRest("containers.write", async (ctx) => {
  const id = ctx.id();
  await updateContainer(id, await ctx.body(containerUpdateSchema), ctx.actor);
  return { success: true, id };
});

export const DELETE = withRest("containers.delete", async (ctx) => {
  await deleteContainer(ctx.id(), ctx.actor);
  return { success: true };
});

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as PUT, methodNotAllowed as PATCH } from "@/lib/rest/methods";
