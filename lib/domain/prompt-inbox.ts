// Prompts from playbooks waiting for the actor (by user name or role), for the approvals inbox.
// These are the engine's own prompt records (playbook_callbacks of kind "prompt"): answering one
// goes through lib/domain/playbooks.ts answerPrompt, and its respond-by time is the prompt's SLA.
import { db } from "../db/client";
import type { Actor } from "./actor";

export interface InboxPrompt {
  id: number; runId: number; playbookName: string; containerId: number; containerName: string;
  message: string; responses: { prompt: string; type: string; options?: string[] }[]; due: Date | null; createdAt: Date;
}

export async function promptInbox(actor: Actor): Promise<InboxPrompt[]> {
  const rows = await db.$queryRaw<(InboxPrompt & { detail: { message?: string; responses?: InboxPrompt["responses"] } })[]>`
    select cb.id, cb.run_id as "runId", p.name as "playbookName", r.container_id as "containerId", c.name as "containerName",
      cb.detail, cb.due, cb.create_time as "createdAt"
    from playbook_callbacks cb join playbook_runs r on r.id = cb.run_id join playbooks p on p.id = r.playbook_id
      join containers c on c.id = r.container_id
    where cb.kind = 'prompt' and cb.status = 'pending'
      and (${actor.role === "administrator"} or cb.detail->'approver'->>'user' = ${actor.name} or cb.detail->'approver'->>'role' = ${actor.role})
    order by cb.due nulls last, cb.id limit 200`;
  return rows.map(({ detail, ...r }) => ({ ...r, message: detail.message ?? "", responses: detail.responses ?? [] }));
}
