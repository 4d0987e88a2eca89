// One approval or prompt; POST answers it as SOAR does:
// {status: "approve" | "deny", type: "manual", action: "prompt", responses: [...], message}.
import { answerSoarApproval, getSoarApproval } from "@/lib/domain/soar-approvals";
import { soarApprovalAnswerSchema } from "@/lib/schemas/approvals";
import { soarApprovalToRest } from "@/lib/rest/shapes-approvals";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("approvals.read", async (ctx) => soarApprovalToRest(await getSoarApproval(ctx.id())));

// Who may answer is the record's own list of approvers (asset owners, the prompt's user or role):
// an analyst named by a prompt answers it without the approvals.respond permission.
export const POST = withRest("approvals.read", async (ctx) => {
  const id = ctx.id();
  const answered = await answerSoarApproval(id, await ctx.body(soarApprovalAnswerSchema), ctx.actor);
  return { success: true, id, status: answered.status };
});

export { methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
