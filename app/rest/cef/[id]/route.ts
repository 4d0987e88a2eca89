import { deleteCefField } from "@/lib/domain/taxonomy";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const DELETE = withRest("admin.settings", async (ctx) => {
  await deleteCefField(ctx.id(), ctx.actor);
  return { success: true };
});
