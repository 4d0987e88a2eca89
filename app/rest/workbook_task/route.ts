// Workbook tasks of containers (`_filter_container=<id>`, `_filter_status=2`, `_filter_owner=<id>`).
import { listTasks } from "@/lib/domain/workbooks/container-workbooks";
import { listToRest } from "@/lib/rest/shapes";
import { taskToRest } from "@/lib/rest/shapes-workbooks";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("containers.read", async (ctx) => listToRest(await listTasks(ctx.list()), taskToRest));

export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
