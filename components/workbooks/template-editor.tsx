"use client";
// The workbook template editor: name, labels it is the default for, phases of tasks in order
// (dragged by their handles with the mouse or the keyboard, or moved with the arrow buttons; a
// task moves to another phase with its "Move to phase" choice),
// each task with its note requirement, SLA and suggested playbooks and actions. Saved whole.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { deleteTemplateAction, saveTemplateAction } from "@/app/(console)/workbooks/actions";
import { Section } from "@/components/events/section";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { useActionToast } from "@/components/ui/toast";
import { SortableList } from "./sortable-list";
import { actionText, playbookText, suggestionsOf, TaskRow, type EditorTask, type Suggestions } from "./template-task-row";

interface SavedTask { name: string; description: string; is_note_required: boolean; sla: number | null; suggestions?: unknown }
interface EditorPhase { key: string; name: string; sla: number | null; tasks: EditorTask[] }
export interface EditorTemplate {
  id?: number; name: string; description: string; labels: string[]; is_default: boolean; is_note_required: boolean;
  phases: { name: string; sla: number | null; tasks: SavedTask[] }[];
}

function move<T>(list: T[], i: number, by: number): T[] {
  const j = i + by;
  if (j < 0 || j >= list.length) return list;
  const out = [...list];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

// Keys from positions on first render (the same on the server and in the browser); new items
// get fresh ones in the browser only.
let fresh = 0;
const newKey = () => `new-${++fresh}`;
const toTask = (k: SavedTask, key: string): EditorTask => {
  const suggestions = (k.suggestions ?? {}) as Suggestions;
  return { key, name: k.name, description: k.description, is_note_required: k.is_note_required, sla: k.sla, suggestions, playbooks: playbookText(suggestions), actions: actionText(suggestions) };
};
const blankTask = (): EditorTask => toTask({ name: "", description: "", is_note_required: false, sla: null }, newKey());

const small = "px-1.5 py-0.5 text-xs";

export function TemplateEditor({ initial, canWrite }: { initial: EditorTemplate | null; canWrite: boolean }) {
  const router = useRouter();
  const { pending, run } = useActionToast();
  const start = initial ?? { name: "", description: "", labels: [], is_default: false, is_note_required: false, phases: [{ name: "Phase 1", sla: null, tasks: [] }] };
  const [t, setT] = useState({ ...start, phases: start.phases.map((p, i): EditorPhase => ({ key: `p${i}`, name: p.name, sla: p.sla, tasks: p.tasks.map((k, j) => toTask(k, `p${i}t${j}`)) })) });
  const [labels, setLabels] = useState(t.labels.join(", "));
  const setPhases = (phases: EditorPhase[]) => setT({ ...t, phases });
  const setPhase = (i: number, p: Partial<EditorPhase>) => setPhases(t.phases.map((x, j) => (j === i ? { ...x, ...p } : x)));
  const setTask = (i: number, k: number, p: Partial<EditorTask>) => setPhase(i, { tasks: t.phases[i]!.tasks.map((x, j) => (j === k ? { ...x, ...p } : x)) });
  /** Task k of phase i to the end of the phase keyed `to`. */
  const moveToPhase = (i: number, k: number, to: string) => {
    const task = t.phases[i]!.tasks[k]!;
    setPhases(t.phases.map((p, j) => (j === i ? { ...p, tasks: p.tasks.filter((_, x) => x !== k) } : p.key === to ? { ...p, tasks: [...p.tasks, task] } : p)));
  };
  const save = () => run(() => saveTemplateAction({
    id: initial?.id,
    template: {
      name: t.name, description: t.description, is_default: t.is_default, is_note_required: t.is_note_required,
      labels: labels.split(",").map((l) => l.trim()).filter(Boolean),
      phases: t.phases.map((p) => ({
        name: p.name, sla: p.sla,
        tasks: p.tasks.map((k) => ({ name: k.name, description: k.description, is_note_required: k.is_note_required, sla: k.sla, suggestions: suggestionsOf(k) as never })),
      })),
    },
  }), "Template saved", (id) => router.push(`/workbooks?template=${id}`));
  const ro = !canWrite;
  return (
    <Section title={initial ? `Template: ${initial.name}` : "New template"}>
      <form className="space-y-3" onSubmit={(e) => { e.preventDefault(); save(); }}>
        <div className="grid gap-2 sm:grid-cols-2">
          <label className="text-sm">Name<input className={inputClass} required disabled={ro} value={t.name} onChange={(e) => setT({ ...t, name: e.target.value })} /></label>
          <label className="text-sm">Default for labels (comma-separated)<input className={inputClass} disabled={ro} value={labels} onChange={(e) => setLabels(e.target.value)} /></label>
        </div>
        <label className="block text-sm">Description<textarea className={inputClass} rows={2} disabled={ro} value={t.description} onChange={(e) => setT({ ...t, description: e.target.value })} /></label>
        <div className="flex flex-wrap gap-4 text-sm">
          <label><input type="checkbox" disabled={ro} checked={t.is_default} onChange={(e) => setT({ ...t, is_default: e.target.checked })} /> Default for labels no template names</label>
          <label><input type="checkbox" disabled={ro} checked={t.is_note_required} onChange={(e) => setT({ ...t, is_note_required: e.target.checked })} /> Every task needs a closing note</label>
        </div>
        {canWrite && <p className="text-xs text-slate-500">Drag a phase or task by its ⠿ handle, or focus the handle and press Space, then the arrow keys, then Space.</p>}
        <SortableList id="phases" items={t.phases} nameOf={(p) => `phase ${p.name}`} onReorder={setPhases} disabled={ro}>
          {(p, i, handle) => (
            <fieldset className="my-2 rounded border border-slate-200 bg-white p-2 dark:border-slate-700 dark:bg-slate-900" aria-label={`Phase ${i + 1}`}>
              <div className="grid grid-cols-[auto_minmax(8rem,1fr)_5.5rem_auto] items-center gap-1">
                {handle ?? <span />}
                <input aria-label={`Phase ${i + 1} name`} className={`${inputClass} font-medium`} required disabled={ro} value={p.name} onChange={(e) => setPhase(i, { name: e.target.value })} />
                <input aria-label={`Phase ${i + 1} SLA minutes`} type="number" min={0} placeholder="SLA min" className={inputClass} disabled={ro} value={p.sla ?? ""} onChange={(e) => setPhase(i, { sla: e.target.value ? Number(e.target.value) : null })} />
                <span className="flex items-center">
                  {canWrite && <>
                    <Button type="button" variant="ghost" className={small} aria-label={`Move phase ${p.name} up`} onClick={() => setPhases(move(t.phases, i, -1))}>↑</Button>
                    <Button type="button" variant="ghost" className={small} aria-label={`Move phase ${p.name} down`} onClick={() => setPhases(move(t.phases, i, 1))}>↓</Button>
                    <Button type="button" variant="ghost" className={small} onClick={() => setPhases(t.phases.filter((_, j) => j !== i))}>Remove phase</Button>
                  </>}
                </span>
              </div>
              <ol className="mt-2 space-y-1 pl-2">
                <SortableList id={`tasks-${i}`} items={p.tasks} nameOf={(k) => `task ${k.name}`} onReorder={(tasks) => setPhase(i, { tasks })} disabled={ro}>
                  {(k, j, taskHandle) => (
                    <TaskRow task={k} phaseName={p.name} index={j} handle={taskHandle} ro={ro} onChange={(patch) => setTask(i, j, patch)}
                      otherPhases={t.phases.filter((o) => o.key !== p.key).map((o) => ({ key: o.key, name: o.name }))}
                      onMove={(by) => setPhase(i, { tasks: move(p.tasks, j, by) })} onMoveToPhase={(to) => moveToPhase(i, j, to)}
                      onRemove={() => setPhase(i, { tasks: p.tasks.filter((_, x) => x !== j) })} />
                  )}
                </SortableList>
              </ol>
              {canWrite && <Button type="button" variant="secondary" className={`${small} mt-1`} onClick={() => setPhase(i, { tasks: [...p.tasks, blankTask()] })}>Add task</Button>}
            </fieldset>
          )}
        </SortableList>
        {canWrite && (
          <div className="flex flex-wrap gap-2">
            <Button type="button" variant="secondary" onClick={() => setPhases([...t.phases, { key: newKey(), name: `Phase ${t.phases.length + 1}`, sla: null, tasks: [] }])}>Add phase</Button>
            <Button type="submit" disabled={pending}>Save template</Button>
            {initial?.id && <Button type="button" variant="danger" disabled={pending} onClick={() => run(() => deleteTemplateAction({ id: initial.id }), "Template deleted", () => router.push("/workbooks"))}>Delete</Button>}
          </div>
        )}
      </form>
    </Section>
  );
}
