// GET /rest/container/<id>/export: the container, its artifacts, notes, comments, pins and
// vault files as one tar (layout in lib/domain/container-export.ts).
import { Readable } from "node:stream";
import { contentDisposition } from "@/lib/content-disposition";
import { exportContainer } from "@/lib/domain/container-export";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("containers.read", async (ctx) => {
  const { fileName, stream } = await exportContainer(ctx.id());
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    headers: { "content-type": "application/x-tar", "content-disposition": contentDisposition(fileName), "x-content-type-options": "nosniff" },
  });
});

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
