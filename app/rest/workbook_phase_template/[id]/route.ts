import { getPhaseTemplate } from "@/lib/domain/workbooks/templates";
import { phaseTemplateToRest } from "@/lib/rest/shapes-workbooks";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("workbooks.read", async (ctx) => phaseTemplateToRest(await getPhaseTemplate(ctx.id())));

export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
