// SOAR's /rest/container/<id>/phases: the container's workbook phases with their tasks.
import { listPhases } from "@/lib/domain/workbooks/container-workbooks";
import { listToRest } from "@/lib/rest/shapes";
import { phaseToRest } from "@/lib/rest/shapes-workbooks";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("containers.read", async (ctx) => listToRest(await listPhases(ctx.list(), ctx.id()), phaseToRest));

export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
