import { getArtifact } from "@/lib/domain/artifacts";
import { fieldRoute } from "@/lib/rest/one-field";
import { artifactToRest } from "@/lib/rest/shapes";

export const dynamic = "force-dynamic";

export const GET = fieldRoute("containers.read", "artifact", async (id) => artifactToRest(await getArtifact(id), { detail: true }));

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
