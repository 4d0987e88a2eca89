// One user, as Phantom's GET /rest/ph_user/<id> (a SOAR playbook looks up its effective user here).
import { getUser } from "@/lib/domain/users";
import { userToRest } from "@/lib/rest/shapes-users";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("containers.read", async (ctx) => userToRest(await getUser(ctx.id())));

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
