// Uploads a file to a container's vault from the investigation page (multipart form, field
// "file"). A route handler rather than a server action: server actions cap bodies at 1 MB,
// the vault takes up to VIGIL_VAULT_MAX_MB. Same-origin only, as every non-GET route. The body
// is streamed (lib/multipart-upload.ts) and refused with a 413 as soon as it is known to be too
// large, so an oversize upload never sits in memory whole.
import { currentUser } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { actorOf } from "@/lib/action-result";
import { DomainError, HTTP_STATUS } from "@/lib/domain/errors";
import { addAttachment, vaultMaxBytes } from "@/lib/domain/vault";
import { readUploadedFile } from "@/lib/multipart-upload";
import { idParam } from "@/lib/schemas/common";

export const dynamic = "force-dynamic";

function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  const host = request.headers.get("host");
  if (!origin || !host) return false;
  // "null" (sandboxed frames, file: pages) and other non-URLs are simply not this origin.
  return URL.canParse(origin) && new URL(origin).host === host;
}

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const user = await currentUser();
  if (!user) return Response.json({ message: "sign in first" }, { status: 401 });
  if (!sameOrigin(request)) {
    return Response.json({ message: "cross-origin request refused: upload from this console's own pages" }, { status: 403 });
  }
  if (!can(user.role, "containers.write")) return Response.json({ message: "your role may not change containers" }, { status: 403 });
  const id = idParam.safeParse((await params).id);
  if (!id.success) return Response.json({ message: "not found" }, { status: 404 });
  const upload = await readUploadedFile(request, { field: "file", maxBytes: vaultMaxBytes(), limitName: "VIGIL_VAULT_MAX_MB" });
  if (!upload.ok) return Response.json({ message: upload.message }, { status: upload.status });
  const { file } = upload;
  try {
    const row = await addAttachment({
      containerId: id.data, name: file.name.replace(/[/\\]/g, "_").slice(0, 255), bytes: file.bytes,
      mimeType: file.mimeType || undefined,
    }, actorOf(user));
    return Response.json({ id: row.id, sha256: row.sha256, size: row.size }, { status: 201 });
  } catch (err) {
    if (err instanceof DomainError) return Response.json({ message: err.message }, { status: HTTP_STATUS[err.kind] });
    throw err;
  }
}
