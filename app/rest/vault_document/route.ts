import { listAttachments } from "@/lib/domain/vault";
import { attachmentToRest, listToRest } from "@/lib/rest/shapes";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("containers.read", async (ctx) => {
  const { page, pageSize } = ctx.list();
  return listToRest(await listAttachments({ page, pageSize }), attachmentToRest);
});

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
