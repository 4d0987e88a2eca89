import { createContainer, deleteContainers, listContainers } from "@/lib/domain/containers";
import { DomainError } from "@/lib/domain/errors";
import { bulkDeleteIdsSchema, newContainerSchema } from "@/lib/schemas/containers";
import { validate } from "@/lib/rest/body";
import { parsePythonLiteral } from "@/lib/rest/filters";
import { containerToRest, listToRest } from "@/lib/rest/shapes";
import { RestRefusal, withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("containers.read", async (ctx) =>
  listToRest(await listContainers(ctx.list()), (c) => containerToRest(c, { detail: false })),
);

export const POST = withRest("containers.write", async (ctx) => {
  const result = await createContainer(await ctx.body(newContainerSchema), ctx.actor);
  if (!result.created) {
    // SOAR answers a duplicate source_data_identifier with HTTP 400 and
    // {failed: true, message, existing_container_id} (live probe of SOAR 8.5, see the README's REST
    // section; the recorded traffic in ../shared/fixtures/soar-rest/ holds no duplicate). Clients
    // (the SOAR SDK, the SOAR Export app) read existing_container_id from the body of that 400.
    throw new RestRefusal(400, "duplicate container: one with this source_data_identifier exists", { existing_container_id: result.id });
  }
  return { success: true, id: result.id, new_artifact_ids: result.artifacts.filter((a) => a.created).map((a) => a.id) };
});

/** Bulk delete, all or nothing: `DELETE /rest/container?ids=[1,2]` (one unknown id: 404 naming it, nothing deleted). */
export const DELETE = withRest("containers.delete", async (ctx) => {
  const raw = ctx.url.searchParams.get("ids");
  if (!raw) throw new DomainError("invalid", "ids is required, e.g. DELETE /rest/container?ids=[1,2]", "ids");
  let literal: unknown;
  try {
    literal = /^[\d\s,]+$/.test(raw) ? raw.split(",").filter((s) => s.trim()).map(Number) : parsePythonLiteral(raw);
  } catch {
    literal = raw;
  }
  const ids = validate(bulkDeleteIdsSchema, literal);
  const deleted = await deleteContainers(ids, ctx.actor);
  return { success: true, deleted };
});

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as PUT, methodNotAllowed as PATCH } from "@/lib/rest/methods";
