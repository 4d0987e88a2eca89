// Users, as Phantom's GET /rest/ph_user: {count, num_pages, data}, all on one page.
import { listUsers } from "@/lib/domain/users";
import { userToRest } from "@/lib/rest/shapes-users";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("containers.read", async () => {
  const users = await listUsers();
  return { count: users.length, num_pages: users.length ? 1 : 0, data: users.map(userToRest) };
});

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
