// The console's import of a container archive (the tar an Export button or
// GET /rest/container/<id>/export gives): the same import as POST /rest/container_import, for a
// signed-in user with containers.write, from Vigil's own pages only.
import { actorOf } from "@/lib/action-result";
import { currentUser } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { importContainer } from "@/lib/domain/container-import";
import { DomainError, HTTP_STATUS } from "@/lib/domain/errors";
import { sameOrigin } from "@/lib/http/same-origin";
import { readArchiveBody } from "@/lib/rest/archive-body";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const user = await currentUser();
  if (!user) return Response.json({ message: "sign in first" }, { status: 401 });
  if (!sameOrigin(request)) return Response.json({ message: "cross-origin request refused" }, { status: 403 });
  if (!can(user.role, "containers.write")) return Response.json({ message: "your role may not import events" }, { status: 403 });
  try {
    const result = await importContainer(await readArchiveBody(request), actorOf(user));
    if (!result.created) {
      return Response.json({ message: `this event is here already as #${result.existingId}`, existing_container_id: result.existingId }, { status: 409 });
    }
    return Response.json({ id: result.id, ...result.counts }, { status: 201 });
  } catch (err) {
    if (err instanceof DomainError) return Response.json({ message: err.message }, { status: HTTP_STATUS[err.kind] });
    throw err;
  }
}
