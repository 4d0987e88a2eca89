// The console's file downloads (vault files, container exports, playbook exports): a signed-in user who may read
// events, a numeric id, and DomainErrors answered with their status as plain text.
import { currentUser } from "@/lib/auth/guard";
import { can, type Permission } from "@/lib/auth/permissions";
import { DomainError, HTTP_STATUS } from "@/lib/domain/errors";
import { idParam } from "@/lib/schemas/common";

type Params = { params: Promise<{ id: string }> };

export function consoleDownload(handler: (id: number) => Promise<Response>, permission: Permission = "containers.read") {
  return async (_request: Request, { params }: Params): Promise<Response> => {
    const user = await currentUser();
    if (!user) return new Response("sign in first", { status: 401 });
    if (!can(user.role, permission)) return new Response("forbidden", { status: 403 });
    const id = idParam.safeParse((await params).id);
    if (!id.success) return new Response("not found", { status: 404 });
    try {
      return await handler(id.data);
    } catch (err) {
      if (err instanceof DomainError) return new Response(err.message, { status: HTTP_STATUS[err.kind] });
      throw err;
    }
  };
}
