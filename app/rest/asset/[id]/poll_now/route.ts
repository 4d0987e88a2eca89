import { pollAssetNow } from "@/lib/domain/asset-polling";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

/** "Poll now": starts the ingest asset's on poll action at once; 409 while its last poll still runs. */
export const POST = withRest("assets.manage", async (ctx) => {
  const run = await pollAssetNow(ctx.id(), ctx.actor);
  return { success: true, action_run_id: run.id, id: ctx.id() };
});

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
