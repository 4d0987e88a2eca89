"use client";
// The workbook template editor: name, labels it is the default for, phases of tasks in order
// (moved up and down), each task with its note requirement and SLA. Saved whole in one action.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { deleteTemplateAction, saveTemplateAction } from "@/app/(console)/workbooks/actions";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { useActionToast } from "@/components/ui/toast";
import { Section } from "@/components/events/section";

interface EditorTask { name: string; description: string; is_note_required: boolean; sla: number | null; suggestions?: unknown }
interface EditorPhase { name: string; sla: number | null; tasks: EditorTask[] }
export interface EditorTemplate { id?: number; name: string; description: string; labels: string[]; is_default: boolean; is_note_required: boolean; phases: EditorPhase[] }

function move<T>(list: T[], i: number, by: number): T[] {
  const j = i + by;
  if (j < 0 || j >= list.length) return list;
  const out = [...list];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

const small = "px-1.5 py-0.5 text-xs";

export function TemplateEditor({ initial, canWrite }: { initial: EditorTemplate | null; canWrite: boolean }) {
  const router = useRouter();
  const { pending, run } = useActionToast();
  const [t, setT] = useState<EditorTemplate>(initial ?? { name: "", description: "", labels: [], is_default: false, is_note_required: false, phases: [{ name: "Phase 1", sla: null, tasks: [] }] });
  const [labels, setLabels] = useState(t.labels.join(", "));
  const setPhase = (i: number, p: Partial<EditorPhase>) => setT({ ...t, phases: t.phases.map((x, j) => (j === i ? { ...x, ...p } : x)) });
  const setTask = (i: number, k: number, p: Partial<EditorTask>) => setPhase(i, { tasks: t.phases[i]!.tasks.map((x, j) => (j === k ? { ...x, ...p } : x)) });
  const save = () => run(() => saveTemplateAction({
    id: initial?.id,
    template: { ...t, labels: labels.split(",").map((l) => l.trim()).filter(Boolean), phases: t.phases.map((p) => ({ ...p, tasks: p.tasks.map(({ suggestions, ...k }) => ({ ...k, suggestions: (suggestions ?? {}) as never })) })) },
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
        {t.phases.map((p, i) => (
          <fieldset key={i} className="rounded border border-slate-200 p-2 dark:border-slate-700" aria-label={`Phase ${i + 1}`}>
            <div className="flex flex-wrap items-center gap-1">
              <input aria-label={`Phase ${i + 1} name`} className={`${inputClass} w-56`} required disabled={ro} value={p.name} onChange={(e) => setPhase(i, { name: e.target.value })} />
              <input aria-label={`Phase ${i + 1} SLA minutes`} type="number" min={0} placeholder="SLA min" className={`${inputClass} w-24`} disabled={ro} value={p.sla ?? ""} onChange={(e) => setPhase(i, { sla: e.target.value ? Number(e.target.value) : null })} />
              {canWrite && <>
                <Button type="button" variant="ghost" className={small} aria-label={`Move phase ${p.name} up`} onClick={() => setT({ ...t, phases: move(t.phases, i, -1) })}>↑</Button>
                <Button type="button" variant="ghost" className={small} aria-label={`Move phase ${p.name} down`} onClick={() => setT({ ...t, phases: move(t.phases, i, 1) })}>↓</Button>
                <Button type="button" variant="ghost" className={small} onClick={() => setT({ ...t, phases: t.phases.filter((_, j) => j !== i) })}>Remove phase</Button>
              </>}
            </div>
            <ol className="mt-2 space-y-1 pl-4">
              {p.tasks.map((k, j) => (
                <li key={j} className="flex flex-wrap items-center gap-1">
                  <input aria-label={`Task ${j + 1} of ${p.name}`} className={`${inputClass} w-48`} required disabled={ro} value={k.name} onChange={(e) => setTask(i, j, { name: e.target.value })} />
                  <input aria-label={`Description of task ${k.name}`} placeholder="description" className={`${inputClass} w-56`} disabled={ro} value={k.description} onChange={(e) => setTask(i, j, { description: e.target.value })} />
                  <input aria-label={`SLA minutes of task ${k.name}`} type="number" min={0} placeholder="SLA min" className={`${inputClass} w-24`} disabled={ro} value={k.sla ?? ""} onChange={(e) => setTask(i, j, { sla: e.target.value ? Number(e.target.value) : null })} />
                  <label className="text-xs"><input type="checkbox" disabled={ro} checked={k.is_note_required} onChange={(e) => setTask(i, j, { is_note_required: e.target.checked })} /> note required</label>
                  {canWrite && <>
                    <Button type="button" variant="ghost" className={small} aria-label={`Move task ${k.name} up`} onClick={() => setPhase(i, { tasks: move(p.tasks, j, -1) })}>↑</Button>
                    <Button type="button" variant="ghost" className={small} aria-label={`Move task ${k.name} down`} onClick={() => setPhase(i, { tasks: move(p.tasks, j, 1) })}>↓</Button>
                    <Button type="button" variant="ghost" className={small} onClick={() => setPhase(i, { tasks: p.tasks.filter((_, x) => x !== j) })}>Remove</Button>
                  </>}
                </li>
              ))}
            </ol>
            {canWrite && <Button type="button" variant="secondary" className={`${small} mt-1`} onClick={() => setPhase(i, { tasks: [...p.tasks, { name: "", description: "", is_note_required: false, sla: null }] })}>Add task</Button>}
          </fieldset>
        ))}
        {canWrite && (
          <div className="flex flex-wrap gap-2">
            <Button type="button" variant="secondary" onClick={() => setT({ ...t, phases: [...t.phases, { name: `Phase ${t.phases.length + 1}`, sla: null, tasks: [] }] })}>Add phase</Button>
            <Button type="submit" disabled={pending}>Save template</Button>
            {initial?.id && <Button type="button" variant="danger" disabled={pending} onClick={() => run(() => deleteTemplateAction({ id: initial.id }), "Template deleted", () => router.push("/workbooks"))}>Delete</Button>}
          </div>
        )}
      </form>
    </Section>
  );
}
