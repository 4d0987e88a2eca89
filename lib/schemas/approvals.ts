// SOAR's answer to an approval or prompt (POST /rest/approval/<id>):
// {status: "approve" | "deny", type: "manual", action: "prompt", responses: [...], message}.
import { z } from "zod";
import { opt } from "./common";

export const soarApprovalAnswerSchema = z.object({
  status: z.enum(["approve", "deny"], { error: "status must be \"approve\" or \"deny\"" }),
  type: opt(z.literal("manual", { error: "type: only \"manual\" approvals are answered over REST" }), "manual"),
  action: opt(z.string().max(256), ""),
  responses: opt(z.array(z.union([z.string().max(10_000), z.number(), z.boolean()]).transform(String), { error: "responses must be a list of answers" })
    .max(100, "responses: at most 100 answers"), []),
  message: opt(z.string().max(10_000, "message: at most 10,000 characters"), ""),
});
