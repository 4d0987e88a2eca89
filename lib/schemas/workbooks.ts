// Workbooks as the REST API (SOAR's shapes) and the console's template editor take them.
import { z } from "zod";
import { id, opt } from "./common";

const name = z.string({ error: "name is required" }).trim().min(1, "name is required").max(256, "name: at most 256 characters");
const description = opt(z.string().max(10_000), "");
/** Minutes; null or 0 means no SLA. */
const sla = z.number().int("sla: whole minutes").min(0).max(525_600, "sla: at most a year of minutes").nullish()
  .transform((v) => (v ? v : null));

const suggestions = z.object({
  playbooks: z.array(z.object({ playbook: z.string().max(256), scm: opt(z.string().max(256), "local") })).max(50).optional(),
  // An action run from the task with one click on the assets of `app` (every app with the action
  // when none is named), with these parameters.
  actions: z.array(z.object({
    action: z.string().max(256), app: z.union([z.string().max(256), id]).optional(),
    parameters: z.record(z.string().max(128), z.union([z.string().max(10_000), z.number(), z.boolean()])).optional(),
  })).max(50).optional(),
}).nullish().transform((v) => v ?? {});

export const taskTemplateSchema = z.object({
  name,
  description,
  order: z.number().int().min(0).optional(),
  owner: id.nullish(),
  role: z.string().max(64).nullish(),
  is_note_required: opt(z.boolean(), false),
  sla,
  suggestions,
});

export const phaseTemplateSchema = z.object({
  name,
  order: z.number().int().min(0).optional(),
  sla,
  tasks: opt(z.array(taskTemplateSchema).max(200), []),
});

export const workbookTemplateSchema = z.object({
  name,
  description,
  is_default: opt(z.boolean(), false),
  is_note_required: opt(z.boolean(), false),
  labels: opt(z.array(z.string().trim().min(1).max(128)).max(100), []),
  phases: opt(z.array(phaseTemplateSchema).max(100), []),
});
export type WorkbookTemplateInput = z.output<typeof workbookTemplateSchema>;
export type PhaseTemplateInput = z.output<typeof phaseTemplateSchema>;

/** POST /rest/workbook_phase_template: a phase added to a template. */
export const newPhaseTemplateSchema = phaseTemplateSchema.extend({ template: id });

/** SOAR's task status numbers. */
export const TASK_STATUS = { incomplete: 0, complete: 1, in_progress: 2 } as const;
export const TASK_STATUS_NAMES: Record<number, string> = { 0: "incomplete", 1: "complete", 2: "in progress" };

/**
 * POST /rest/workbook_task/<id>, as SOAR's workbook_task_update sends it: a status (with the
 * closing note when the task requires one), an owner (owner_id or role_id), or both.
 */
export const taskUpdateSchema = z.object({
  status: z.union([z.literal(0), z.literal(1), z.literal(2)], { error: "status: 0 (incomplete), 1 (complete) or 2 (in progress)" }).optional(),
  owner_id: id.nullish(),
  owner: id.nullish(),
  role_id: z.union([id, z.string().max(64)]).nullish(),
  note: z.string().max(1_000_000).nullish(),
  title: z.string().max(1024).nullish(),
  note_format: z.string().max(16).nullish(),
  name: name.optional(),
  description: z.string().max(10_000).optional(),
});
export type TaskUpdate = z.output<typeof taskUpdateSchema>;

/** POST /rest/workbook_phase/<id>: rename, reorder, owner. */
export const phaseUpdateSchema = z.object({
  name: name.optional(),
  order: z.number().int().min(0).optional(),
  owner_id: id.nullish(),
});

/** Adding a template's workbook to a container by hand (console, REST). */
export const addWorkbookSchema = z.object({ container_id: id, template_id: id });
