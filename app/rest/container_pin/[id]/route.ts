import { deletePin, getPin, updatePin } from "@/lib/domain/pins";
import { pinUpdateSchema } from "@/lib/schemas/pins";
import { pinToRest } from "@/lib/rest/shapes";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("containers.read", async (ctx) => pinToRest(await getPin(ctx.id())));

export const POST = withRest("containers.write", async (ctx) => {
  const id = ctx.id();
  await updatePin(id, await ctx.body(pinUpdateSchema), ctx.actor);
  return { success: true, id };
});

// Unpinning is part of working an event (analysts do it from the HUD), not an administrative delete.
export const DELETE = withRest("containers.write", async (ctx) => {
  await deletePin(ctx.id(), ctx.actor);
  return { success: true };
});

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as PUT, methodNotAllowed as PATCH } from "@/lib/rest/methods";
