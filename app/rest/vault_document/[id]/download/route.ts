import { contentDisposition } from "@/lib/content-disposition";
import { readAttachment } from "@/lib/domain/vault";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("containers.read", async (ctx) => {
  const { attachment, bytes } = await readAttachment(ctx.id());
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": "application/octet-stream",
      // The shared helper: a header value must be Latin-1, so any other name needs filename*.
      "content-disposition": contentDisposition(attachment.name),
      "content-length": String(bytes.length),
      "x-vault-sha256": attachment.sha256,
    },
  });
});

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
