// SOAR's workbook templates: list (with Phantom's filters, e.g. _filter_name="Triage") and create
// (a template with its phases and tasks in one body).
import { createTemplate, listTemplates } from "@/lib/domain/workbooks/templates";
import { workbookTemplateSchema } from "@/lib/schemas/workbooks";
import { listToRest } from "@/lib/rest/shapes";
import { templateToRest } from "@/lib/rest/shapes-workbooks";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("workbooks.read", async (ctx) => listToRest(await listTemplates(ctx.list()), templateToRest));

export const POST = withRest("workbooks.write", async (ctx) => {
  const t = await createTemplate(await ctx.body(workbookTemplateSchema), ctx.actor);
  return { success: true, id: t.id };
});

export { methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
