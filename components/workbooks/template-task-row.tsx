"use client";
// One task of the workbook template editor: name, description, SLA, note requirement, its move
// to another phase, and the playbooks and actions suggested to run from it (names, comma-separated; an action's app and
// parameters, set over REST, are kept while its name stays).
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

export interface SuggestedActionEntry { action: string; app?: string | number; parameters?: Record<string, string | number | boolean> }
export interface Suggestions { playbooks?: { playbook: string; scm?: string }[]; actions?: SuggestedActionEntry[] }
export interface EditorTask {
  key: string; name: string; description: string; is_note_required: boolean; sla: number | null;
  /** As saved; the two texts below replace its names when the template is saved. */
  suggestions: Suggestions;
  playbooks: string;
  actions: string;
}

const small = "px-1.5 py-0.5 text-xs";
const names = (text: string) => text.split(",").map((s) => s.trim()).filter(Boolean);

/** Suggested playbooks as "name" (local) or "repo/name". */
export const playbookText = (s: Suggestions) => (s.playbooks ?? []).map((p) => (p.scm && p.scm !== "local" ? `${p.scm}/${p.playbook}` : p.playbook)).join(", ");
export const actionText = (s: Suggestions) => (s.actions ?? []).map((a) => a.action).join(", ");

/** The suggestions to save: the names typed, with the parameters of actions that kept their name. */
export function suggestionsOf(t: EditorTask): Suggestions {
  return withActions(withPlaybooks(t.suggestions, t.playbooks), t.actions);
}

function withPlaybooks(s: Suggestions, text: string): Suggestions {
  return { ...s, playbooks: names(text).map((n) => (n.includes("/") ? { scm: n.slice(0, n.indexOf("/")), playbook: n.slice(n.indexOf("/") + 1) } : { scm: "local", playbook: n })) };
}

function withActions(s: Suggestions, text: string): Suggestions {
  const before = s.actions ?? [];
  return { ...s, actions: names(text).map((n) => before.find((a) => a.action === n) ?? { action: n }) };
}

export function TaskRow({ task, phaseName, index, handle, ro, otherPhases, onChange, onMove, onMoveToPhase, onRemove }: {
  task: EditorTask; phaseName: string; index: number; handle: ReactNode; ro: boolean;
  /** The phases the task can move to (all but its own), by key. */
  otherPhases: { key: string; name: string }[];
  onChange: (patch: Partial<EditorTask>) => void;
  onMove: (by: number) => void;
  onMoveToPhase: (phaseKey: string) => void;
  onRemove: () => void;
}) {
  return (
    <li className="grid grid-cols-[auto_minmax(8rem,1fr)_minmax(8rem,1.5fr)_5.5rem] items-center gap-1 rounded bg-white py-1 dark:bg-slate-900">
      {handle ?? <span />}
      <input aria-label={`Task ${index + 1} of ${phaseName}`} placeholder="task name" className={inputClass} required disabled={ro} value={task.name} onChange={(e) => onChange({ name: e.target.value })} />
      <input aria-label={`Description of task ${task.name}`} placeholder="description" className={inputClass} disabled={ro} value={task.description} onChange={(e) => onChange({ description: e.target.value })} />
      <input aria-label={`SLA minutes of task ${task.name}`} type="number" min={0} placeholder="SLA min" className={inputClass} disabled={ro} value={task.sla ?? ""} onChange={(e) => onChange({ sla: e.target.value ? Number(e.target.value) : null })} />
      <span />
      <input aria-label={`Suggested playbooks of task ${task.name}`} placeholder="suggested playbooks (comma-separated)" className={`${inputClass} text-xs`} disabled={ro}
        value={task.playbooks} onChange={(e) => onChange({ playbooks: e.target.value })} />
      <input aria-label={`Suggested actions of task ${task.name}`} placeholder="suggested actions (comma-separated)" className={`${inputClass} text-xs`} disabled={ro}
        value={task.actions} onChange={(e) => onChange({ actions: e.target.value })} />
      <span />
      <span className="col-start-2 col-end-5 flex flex-wrap items-center gap-1">
        <label className="text-xs"><input type="checkbox" disabled={ro} checked={task.is_note_required} onChange={(e) => onChange({ is_note_required: e.target.checked })} /> note required</label>
        {!ro && <>
          <Button type="button" variant="ghost" className={small} aria-label={`Move task ${task.name} up`} onClick={() => onMove(-1)}>↑</Button>
          <Button type="button" variant="ghost" className={small} aria-label={`Move task ${task.name} down`} onClick={() => onMove(1)}>↓</Button>
          {otherPhases.length > 0 && (
            // A select rather than a drag: it works the same with the keyboard and a screen reader,
            // and the drag handles stay within a phase (one list each).
            <select aria-label={`Move task ${task.name} to phase`} className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs dark:border-slate-600 dark:bg-slate-900" value=""
              onChange={(e) => e.target.value && onMoveToPhase(e.target.value)}>
              <option value="">Move to phase…</option>
              {otherPhases.map((p) => <option key={p.key} value={p.key}>{p.name}</option>)}
            </select>
          )}
          <Button type="button" variant="ghost" className={small} onClick={onRemove}>Remove</Button>
        </>}
      </span>
    </li>
  );
}
