import { deleteCefField } from "@/lib/domain/taxonomy";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const DELETE = withRest("admin.settings", async (ctx) => {
  await deleteCefField(ctx.id(), ctx.actor);
  return { success: true };
});

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as GET, methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH } from "@/lib/rest/methods";
