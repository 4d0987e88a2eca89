// What the workbook REST routes answer (lib/rest/shapes-workbooks.ts), for the OpenAPI document.
import { z } from "zod";

const when = z.string().nullable().describe("ISO 8601 time (UTC)");
const int = z.number().int();
const suggestions = z.object({ playbooks: z.array(z.unknown()), actions: z.array(z.unknown()) });

export const taskTemplateOut = z.object({
  id: int, name: z.string(), description: z.string(), order: int, owner: int.nullable(), role: z.string().nullable(),
  is_note_required: z.boolean(), sla: int.nullable(), sla_type: z.string().nullable(), suggestions,
});
export const phaseTemplateOut = z.object({
  id: int, template: int, name: z.string(), order: int, sla: int.nullable(), sla_type: z.string().nullable(), tasks: z.array(taskTemplateOut),
});
export const templateOut = z.object({
  id: int, name: z.string(), description: z.string(), is_default: z.boolean(), is_note_required: z.boolean(), status: z.string(),
  creator: int.nullable(), create_time: when, modified_time: when, labels: z.array(z.string()), phases: z.array(phaseTemplateOut),
});
export const taskOut = z.object({
  id: int, container: int, phase: int, name: z.string(), description: z.string(), order: int, owner: int.nullable(),
  owner_name: z.string().nullable(), role: z.string().nullable(), status: z.union([z.literal(0), z.literal(1), z.literal(2)]).describe("0 incomplete, 1 complete, 2 in progress"),
  is_note_required: z.boolean(), sla: int.nullable(), sla_type: z.string().nullable(), due_time: when, sla_breached: z.boolean(),
  start_time: when, end_time: when, notes: z.array(int), suggestions, create_time: when, modified_time: when,
});
export const phaseOut = z.object({
  id: int, container: int, template: int.nullable(), phase_template: int.nullable(), name: z.string(), order: int, owner: int.nullable(),
  sla: int.nullable(), sla_type: z.string().nullable(), due_time: when, create_time: when, modified_time: when, tasks: z.array(taskOut),
});
export const workbookAdded = z.object({ success: z.literal(true), tasks: int });

/** An approval or prompt as /rest/approval answers (lib/rest/shapes-approvals.ts). */
export const approvalOut = z.object({
  id: int, type: z.enum(["approval", "prompt"]), approval_type: z.literal("manual"), action: z.string(), action_name: z.string(),
  action_run: int.nullable(), playbook_run: int.nullable(), container: int.nullable(), asset: z.string().nullable(),
  status: z.enum(["pending", "approved", "denied", "expired"]), stage: int, owner: int.nullable(), owner_type: z.enum(["User", "Role"]),
  approvers: z.array(z.unknown()), start_time: when, close_time: when, due_time: when, prompt: z.string(),
  questions: z.array(z.unknown()), responses: z.array(z.string()), responder: z.string().nullable(), message: z.string(),
});
export const approvalAnswered = z.object({ success: z.literal(true), id: int, status: z.string() });
