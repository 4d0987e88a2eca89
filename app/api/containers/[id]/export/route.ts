// The console's Export button: the same tar as GET /rest/container/<id>/export, for a signed-in user.
import { Readable } from "node:stream";
import { currentUser } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { contentDisposition } from "@/lib/content-disposition";
import { exportContainer } from "@/lib/domain/container-export";
import { DomainError, HTTP_STATUS } from "@/lib/domain/errors";
import { idParam } from "@/lib/schemas/common";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const user = await currentUser();
  if (!user) return new Response("sign in first", { status: 401 });
  if (!can(user.role, "containers.read")) return new Response("forbidden", { status: 403 });
  const id = idParam.safeParse((await params).id);
  if (!id.success) return new Response("not found", { status: 404 });
  try {
    const { fileName, stream } = await exportContainer(id.data);
    return new Response(Readable.toWeb(stream) as ReadableStream, {
      headers: { "content-type": "application/x-tar", "content-disposition": contentDisposition(fileName), "x-content-type-options": "nosniff" },
    });
  } catch (err) {
    if (err instanceof DomainError) return new Response(err.message, { status: HTTP_STATUS[err.kind] });
    throw err;
  }
}
