// POST /rest/container_import: imports a container archive (GET /rest/container/<id>/export of
// this or another Vigil) with new ids. 409 with existing_container_id when its
// source_data_identifier exists here; nothing is written unless all of it is.
import { importContainer } from "@/lib/domain/container-import";
import { readArchiveBody } from "@/lib/rest/archive-body";
import { RestRefusal, withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const POST = withRest("containers.write", async (ctx) => {
  const result = await importContainer(await readArchiveBody(ctx.request), ctx.actor);
  if (!result.created) {
    throw new RestRefusal(409, "duplicate container: one with this source_data_identifier exists here", { existing_container_id: result.existingId });
  }
  return { success: true, id: result.id, ...result.counts };
});

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
