// Adds a template's workbook to a container by hand: {container_id, template_id} (SOAR's
// phantom.add_workbook). A container may hold several workbooks.
import { addWorkbook } from "@/lib/domain/workbooks/container-workbooks";
import { addWorkbookSchema } from "@/lib/schemas/workbooks";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const POST = withRest("containers.write", async (ctx) => {
  const input = await ctx.body(addWorkbookSchema);
  const tasks = await addWorkbook(input.container_id, input.template_id, ctx.actor);
  return { success: true, tasks };
});

export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
