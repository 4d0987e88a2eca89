// SOAR's approvals and prompts (`_filter_status="pending"`, `_filter_action_run__container_id=<id>`).
import { listSoarApprovals } from "@/lib/domain/soar-approvals";
import { listToRest } from "@/lib/rest/shapes";
import { soarApprovalToRest } from "@/lib/rest/shapes-approvals";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("approvals.read", async (ctx) => listToRest(await listSoarApprovals(ctx.list()), soarApprovalToRest));

export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
