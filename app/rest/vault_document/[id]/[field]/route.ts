import { getAttachment } from "@/lib/domain/vault";
import { fieldRoute } from "@/lib/rest/one-field";
import { attachmentToRest } from "@/lib/rest/shapes";

export const dynamic = "force-dynamic";

export const GET = fieldRoute("containers.read", "vault document", async (id) => attachmentToRest(await getAttachment(id)));

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
