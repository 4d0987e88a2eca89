import { getNote } from "@/lib/domain/notes";
import { fieldRoute } from "@/lib/rest/one-field";
import { noteToRest } from "@/lib/rest/shapes";

export const dynamic = "force-dynamic";

export const GET = fieldRoute("containers.read", "note", async (id) => noteToRest(await getNote(id)));

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
