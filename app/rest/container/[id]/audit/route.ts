import { getContainer } from "@/lib/domain/containers";
import { containerAuditTrail } from "@/lib/domain/notes";
import { auditToRest, listToRest } from "@/lib/rest/shapes";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

// The audit trail is gated on audit.read (not containers.read): asset owners and automation
// accounts read containers but not who did what to them.
export const GET = withRest("audit.read", async (ctx) => {
  const container = await getContainer(ctx.id());
  const { page, pageSize } = ctx.list();
  return listToRest(await containerAuditTrail(container.id, page, pageSize), auditToRest);
});

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
