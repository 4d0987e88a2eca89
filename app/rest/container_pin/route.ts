// SOAR's HUD pins: list (with Phantom's filters, e.g. _filter_container=5) and create.
import { addPin, listPins } from "@/lib/domain/pins";
import { newPinSchema } from "@/lib/schemas/pins";
import { listToRest, pinToRest } from "@/lib/rest/shapes";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("containers.read", async (ctx) => listToRest(await listPins(ctx.list()), pinToRest));

export const POST = withRest("containers.write", async (ctx) => {
  const pin = await addPin(await ctx.body(newPinSchema), ctx.actor);
  return { success: true, id: pin.id };
});

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
