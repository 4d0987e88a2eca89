// SOAR's phase templates: `_filter_template=<id>` lists one template's phases in order (what
// the community workbook_add custom function reads), POST adds a phase to a template.
import { addPhaseTemplate, listPhaseTemplates } from "@/lib/domain/workbooks/templates";
import { newPhaseTemplateSchema } from "@/lib/schemas/workbooks";
import { listToRest } from "@/lib/rest/shapes";
import { phaseTemplateToRest } from "@/lib/rest/shapes-workbooks";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("workbooks.read", async (ctx) => listToRest(await listPhaseTemplates(ctx.list()), phaseTemplateToRest));

export const POST = withRest("workbooks.write", async (ctx) => {
  const { template, ...phase } = await ctx.body(newPhaseTemplateSchema);
  const p = await addPhaseTemplate(template, phase, ctx.actor);
  return { success: true, id: p.id };
});

export { methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
