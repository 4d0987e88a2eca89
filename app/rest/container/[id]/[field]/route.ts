import { getContainer } from "@/lib/domain/containers";
import { fieldRoute } from "@/lib/rest/one-field";
import { containerToRest } from "@/lib/rest/shapes";

export const dynamic = "force-dynamic";

export const GET = fieldRoute("containers.read", "container", async (id) => containerToRest(await getContainer(id), { detail: true }));

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
