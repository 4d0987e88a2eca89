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

// The approvals inbox's filters (/approvals?status=&age=&sla=&scope=), the SLA dashboard's
// grouping of the approvals waiting, so each figure there opens the approvals behind it.
export const APPROVAL_STATUSES = ["pending", "approved", "denied"] as const;
/** How long a request has waited: the dashboard's buckets. */
export const APPROVAL_AGES = ["under_1h", "1h_4h", "4h_24h", "over_1d"] as const;
export type ApprovalAge = (typeof APPROVAL_AGES)[number];
export const APPROVAL_AGE_NAMES: Record<ApprovalAge, string> = { under_1h: "under 1 h", "1h_4h": "1–4 h", "4h_24h": "4–24 h", over_1d: "over a day" };

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
/** A filter the URL gives that is not one of the choices is left out (a stale link still opens). */
const choice = <T extends readonly [string, ...string[]]>(values: T) => z.preprocess(first, z.enum(values).optional().catch(undefined));

export const approvalInboxQuerySchema = z.object({
  status: choice(APPROVAL_STATUSES),
  age: choice(APPROVAL_AGES),
  /** Only those past their SLA (escalating now, or breached at the last stage). */
  sla: choice(["breached"] as const),
  /** Everyone's approvals, not only those waiting for you: for those who read the SLA dashboard. */
  scope: choice(["all"] as const),
});
export type ApprovalInboxQuery = z.infer<typeof approvalInboxQuerySchema>;
