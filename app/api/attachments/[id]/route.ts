// Downloads a vault file for the console: always as an attachment (never rendered inline, so an
// uploaded HTML file cannot run in Vigil's origin), under its own name, with its SHA-256.
import { currentUser } from "@/lib/auth/guard";
import { contentDisposition } from "@/lib/content-disposition";
import { can } from "@/lib/auth/permissions";
import { DomainError, HTTP_STATUS } from "@/lib/domain/errors";
import { readAttachment } from "@/lib/domain/vault";
import { idParam } from "@/lib/schemas/common";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const user = await currentUser();
  if (!user) return new Response("sign in first", { status: 401 });
  if (!can(user.role, "containers.read")) return new Response("forbidden", { status: 403 });
  const id = idParam.safeParse((await params).id);
  if (!id.success) return new Response("not found", { status: 404 });
  try {
    const { attachment, bytes } = await readAttachment(id.data);
    return new Response(new Uint8Array(bytes), {
      headers: {
        "content-type": "application/octet-stream",
        "content-disposition": contentDisposition(attachment.name),
        "content-length": String(bytes.length),
        "x-content-type-options": "nosniff",
        "x-vault-sha256": attachment.sha256,
      },
    });
  } catch (err) {
    if (err instanceof DomainError) return new Response(err.message, { status: HTTP_STATUS[err.kind] });
    throw err;
  }
}
