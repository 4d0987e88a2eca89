import { createArtifacts, listArtifacts } from "@/lib/domain/artifacts";
import { newArtifactSchema } from "@/lib/schemas/containers";
import { validate } from "@/lib/rest/body";
import { artifactToRest, listToRest } from "@/lib/rest/shapes";
import { RestRefusal, withRest } from "@/lib/rest/with-rest";
import { z } from "zod";

export const dynamic = "force-dynamic";

const DUPLICATE = "artifact already exists";

export const GET = withRest("containers.read", async (ctx) =>
  listToRest(await listArtifacts(ctx.list()), (a) => artifactToRest(a, { detail: false })),
);

/** One artifact answers {success, id}; a JSON array answers one such entry per artifact, in order. */
export const POST = withRest("containers.write", async (ctx) => {
  const body = await ctx.json();
  if (Array.isArray(body)) {
    const items = validate(z.array(newArtifactSchema).min(1, "send at least one artifact").max(1000, "at most 1000 artifacts per request"), body);
    const results = await createArtifacts(items, ctx.actor);
    return results.map((r) =>
      r.created ? { success: true, id: r.id } : { failed: true, message: DUPLICATE, existing_artifact_id: r.id },
    );
  }
  const [result] = await createArtifacts([validate(newArtifactSchema, body)], ctx.actor);
  if (!result!.created) throw new RestRefusal(409, DUPLICATE, { existing_artifact_id: result!.id });
  return { success: true, id: result!.id };
});

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
