import { deleteTemplate, getTemplate, patchTemplate } from "@/lib/domain/workbooks/templates";
import { workbookTemplateSchema } from "@/lib/schemas/workbooks";
import { templateToRest } from "@/lib/rest/shapes-workbooks";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("workbooks.read", async (ctx) => templateToRest(await getTemplate(ctx.id())));

/** Changes the fields sent; `phases`, when sent, replaces the template's phases and tasks. */
export const POST = withRest("workbooks.write", async (ctx) => {
  const id = ctx.id();
  await patchTemplate(id, await ctx.body(workbookTemplateSchema.partial()), ctx.actor);
  return { success: true, id };
});

export const DELETE = withRest("workbooks.write", async (ctx) => {
  await deleteTemplate(ctx.id(), ctx.actor);
  return { success: true };
});

export { methodNotAllowed as PUT, methodNotAllowed as PATCH } from "@/lib/rest/methods";
