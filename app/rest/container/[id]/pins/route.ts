// The HUD pins of one container, in their order (SOAR's /rest/container/<id>/pins).
import { getContainer } from "@/lib/domain/containers";
import { listPins } from "@/lib/domain/pins";
import { listToRest, pinToRest } from "@/lib/rest/shapes";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("containers.read", async (ctx) => {
  const container = await getContainer(ctx.id());
  return listToRest(await listPins(ctx.list(), container.id), pinToRest);
});

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
