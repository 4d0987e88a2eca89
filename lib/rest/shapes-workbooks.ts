// Workbooks as SOAR's REST API shows them: workbook_template (with its phases), the
// workbook_phase_template, and the phases and tasks of a container (task status 0 incomplete,
// 1 complete, 2 in progress; suggestions {playbooks: [{playbook, scm}], actions: [{action, app,
// parameters}]}).
import type { PhaseRecord, TaskRecord } from "../domain/workbooks/container-workbooks";
import type { PhaseTemplateRecord, TemplateRecord } from "../domain/workbooks/templates";
import { phantomTime as iso } from "./shapes";

function suggestionsToRest(s: unknown) {
  const o = (s && typeof s === "object" ? s : {}) as { playbooks?: unknown[]; actions?: unknown[] };
  return { playbooks: o.playbooks ?? [], actions: o.actions ?? [] };
}

export function phaseTemplateToRest(p: PhaseTemplateRecord) {
  return {
    id: p.id,
    template: p.templateId,
    name: p.name,
    order: p.order,
    sla: p.sla,
    sla_type: p.sla ? "minutes" : null,
    tasks: p.tasks.map((t) => ({
      id: t.id,
      name: t.name,
      description: t.description,
      order: t.order,
      owner: t.ownerId,
      role: t.role,
      is_note_required: t.isNoteRequired,
      sla: t.sla,
      sla_type: t.sla ? "minutes" : null,
      suggestions: suggestionsToRest(t.suggestions),
    })),
  };
}

export function templateToRest(t: TemplateRecord) {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    is_default: t.isDefault,
    is_note_required: t.isNoteRequired,
    status: t.status,
    creator: t.creatorId,
    create_time: iso(t.createdAt),
    modified_time: iso(t.updatedAt),
    labels: t.labels,
    phases: t.phases.map(phaseTemplateToRest),
  };
}

export function taskToRest(t: TaskRecord) {
  return {
    id: t.id,
    container: t.containerId,
    phase: t.phaseId,
    name: t.name,
    description: t.description,
    order: t.order,
    owner: t.ownerId,
    owner_name: t.ownerName,
    role: t.role,
    status: t.status,
    is_note_required: t.isNoteRequired,
    sla: t.sla,
    sla_type: t.sla ? "minutes" : null,
    due_time: iso(t.dueTime),
    sla_breached: t.slaBreached,
    start_time: iso(t.startTime),
    end_time: iso(t.endTime),
    notes: t.noteIds,
    suggestions: suggestionsToRest(t.suggestions),
    create_time: iso(t.createdAt),
    modified_time: iso(t.updatedAt),
  };
}

export function phaseToRest(p: PhaseRecord) {
  return {
    id: p.id,
    container: p.containerId,
    template: p.templateId,
    phase_template: p.phaseTemplateId,
    name: p.name,
    order: p.order,
    owner: p.ownerId,
    sla: p.sla,
    sla_type: p.sla ? "minutes" : null,
    due_time: iso(p.dueTime),
    create_time: iso(p.createdAt),
    modified_time: iso(p.updatedAt),
    tasks: p.tasks.map(taskToRest),
  };
}
