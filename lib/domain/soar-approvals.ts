// SOAR's approvals: one record kind for the two things a person answers, an action waiting for
// an asset owner's approval (./approvals.ts) and a playbook's prompt (playbook_callbacks of kind
// "prompt"). They share one id space (migration 20261203400000_approval_ids), so
// `POST /rest/approval/<id>` answers either. Filters take SOAR's relation paths:
// `_filter_action_run__container_id=<id>` is the container the action (or the prompt's playbook
// run) works on; a prompt has no action run of its own, so its `action_run` is null.
import { Prisma } from "@prisma/client";
import { db } from "../db/client";
import type { Actor } from "./actor";
import { respondApproval } from "./approvals";
import { appendAudit } from "./audit";
import { DomainError } from "./errors";
import { field, runList, type FieldMap, type ListQuery, type Page } from "./list-query";
import { answerPrompt } from "./playbooks";
import { completeCallback, ENGINE_CHANNEL } from "../engine/runs";
import { inTransaction } from "./transactions";

export interface SoarApprovalRecord {
  id: number;
  kind: "approval" | "prompt";
  action_run: number | null;
  container: number | null;
  playbook_run: number | null;
  action: string;
  action_name: string;
  asset: string | null;
  status: "pending" | "approved" | "denied" | "expired";
  stage: number;
  approvers: { user?: number | string; role?: string }[];
  owner: number | null;
  owner_type: "User" | "Role";
  start_time: Date;
  close_time: Date | null;
  due_time: Date | null;
  message: string;
  prompt_message: string;
  questions: { prompt: string; type: string; options?: string[] }[];
  responses: string[];
  responder: string | null;
}

// A prompt's status in SOAR's words: answered ("approved"), denied here, or timed out ("expired").
const PROMPT_STATUS = `case when cb.status = 'pending' then 'pending' when cb.result->>'status' = 'success' then 'approved'
  when cb.result ? 'denied_by' then 'denied' else 'expired' end`;

const UNION = Prisma.raw(`(
  select ap.id, 'approval' as kind, ap.action_run_id as action_run, ap.container_id as container,
    (select cb.run_id from playbook_callbacks cb where cb.kind = 'action' and cb.ref_id = ap.action_run_id limit 1) as playbook_run,
    r.action, r.name as action_name, s.name as asset, ap.status, ap.stage, ap.approvers,
    case when ap.approvers->0 ? 'user' then (ap.approvers->0->>'user')::int end as owner,
    case when ap.approvers->0 ? 'role' then 'Role' else 'User' end as owner_type,
    ap.create_time as start_time, ap.responded_time as close_time, ap.due_at as due_time, ap.message,
    '' as prompt_message, '[]'::jsonb as questions, '[]'::jsonb as responses, u.username as responder
  from approvals ap join action_runs r on r.id = ap.action_run_id join assets s on s.id = ap.asset_id
    left join users u on u.id = ap.responded_by
  union all
  select cb.id, 'prompt', null, pr.container_id, cb.run_id, 'prompt', 'prompt_' || cb.block_id, null, ${PROMPT_STATUS}, 1,
    jsonb_build_array(cb.detail->'approver'),
    (select id from users where username = cb.detail->'approver'->>'user'),
    case when cb.detail->'approver' ? 'user' then 'User' else 'Role' end,
    cb.create_time, cb.done_time, cb.due, coalesce(cb.result->>'message', ''),
    coalesce(cb.detail->>'message', ''), coalesce(cb.detail->'responses', '[]'::jsonb),
    coalesce(cb.result->'results'->0->'summary'->'responses', '[]'::jsonb), cb.result->'results'->0->'summary'->>'responder'
  from playbook_callbacks cb join playbook_runs pr on pr.id = cb.run_id where cb.kind = 'prompt'
) a`);

const FIELDS: FieldMap = {
  id: field("a.id", "int", { btree: true, notNull: true }),
  status: field("a.status", "text"),
  type: field("a.kind", "text"),
  action: field("a.action", "text"),
  action_name: field("a.action_name", "text"),
  action_run: field("a.action_run", "int", { btree: true }),
  container: field("a.container", "int", { btree: true }),
  action_run__container: field("a.container", "int", { btree: true }),
  action_run__container_id: field("a.container", "int", { btree: true }),
  playbook_run: field("a.playbook_run", "int"),
  owner: field("a.owner", "int"),
  owner_type: field("a.owner_type", "text"),
  start_time: field("a.start_time", "time"),
  close_time: field("a.close_time", "time"),
  due_time: field("a.due_time", "time"),
};

export function listSoarApprovals(query: ListQuery): Promise<Page<SoarApprovalRecord>> {
  return runList<SoarApprovalRecord>({ select: Prisma.sql`a.*`, from: UNION, fields: FIELDS, query, idColumn: Prisma.sql`a.id` });
}

export async function getSoarApproval(id: number): Promise<SoarApprovalRecord> {
  const [row] = await db.$queryRaw<SoarApprovalRecord[]>`select a.* from ${UNION} where a.id = ${id}`;
  if (!row) throw new DomainError("not_found", `approval ${id} does not exist`);
  return row;
}

/** A prompt denied instead of answered: the playbook resumes with a failed result carrying the reason. */
export async function denyPrompt(id: number, message: string, actor: Actor): Promise<void> {
  await inTransaction(async (tx) => {
    const [cb] = await tx.$queryRaw<{ status: string; detail: { approver?: { user?: string; role?: string } } }[]>`
      select status, detail from playbook_callbacks where id = ${id} and kind = 'prompt' for update`;
    if (!cb) throw new DomainError("not_found", `prompt ${id} does not exist`);
    if (cb.status !== "pending") throw new DomainError("conflict", `prompt ${id} is no longer waiting for an answer`);
    const who = cb.detail.approver ?? {};
    const mayAnswer = actor.role === "administrator" || (who.user ? who.user === actor.name : who.role === actor.role);
    if (!mayAnswer) throw new DomainError("forbidden", `prompt ${id} is for ${who.user ? `user ${who.user}` : `role ${who.role ?? "?"}`}`);
    const reason = `denied by ${actor.name}${message ? `: ${message}` : ""}`;
    await completeCallback(tx, id, {
      status: "failed", message: reason, denied_by: actor.name,
      results: [{ status: "failed", message: reason, parameter: { approver: who, responder: actor.name }, data: [], summary: { responses: [], responder: actor.name } }],
    });
    await appendAudit(tx, actor, { action: "prompt.deny", objectType: "prompt", objectId: id, detail: { message } });
    await tx.$executeRaw`select pg_notify(${ENGINE_CHANNEL}, '')`;
  });
}

export interface SoarApprovalAnswer {
  status: "approve" | "deny";
  responses: string[];
  message: string;
}

/** SOAR's `POST /rest/approval/<id>`: approves or denies an action, answers or denies a prompt. */
export async function answerSoarApproval(id: number, answer: SoarApprovalAnswer, actor: Actor): Promise<SoarApprovalRecord> {
  const kind = await db.$queryRaw<{ kind: string }[]>`
    select 'approval' as kind from approvals where id = ${id}
    union all select 'prompt' from playbook_callbacks where id = ${id} and kind = 'prompt'`;
  if (!kind[0]) throw new DomainError("not_found", `approval ${id} does not exist`);
  if (kind[0].kind === "approval") {
    await respondApproval(id, answer.status, answer.message, actor);
  } else if (answer.status === "deny") {
    await denyPrompt(id, answer.message, actor);
  } else {
    await answerPrompt(id, answer.responses, actor);
  }
  return getSoarApproval(id);
}
