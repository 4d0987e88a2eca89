"use client";
// The workbook panel of the investigation page: phases with their tasks, each moved between
// incomplete, in progress and complete, assigned and noted. A task that requires a note asks
// for its closing note before it can be completed (the server refuses it otherwise too).
import { useState } from "react";
import { runPlaybookAction } from "@/app/(console)/events/playbook-runs";
import { addWorkbookAction, runSuggestedActionAction, updateTaskAction } from "@/app/(console)/events/workbook-actions";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Time } from "@/components/ui/time";
import { useActionToast } from "@/components/ui/toast";
import { Empty, Section } from "./section";

export interface WorkbookTaskView {
  id: number; name: string; description: string; status: number; isNoteRequired: boolean;
  ownerId: number | null; dueTime: string | null; slaBreached: boolean; notes: number;
  /** Suggested playbooks ("repo/name"), each started on the event with one click. */
  playbooks: string[];
  /** Suggested actions, by position in the task's suggestions, each run with one click. */
  actions: string[];
}
export interface WorkbookPhaseView { id: number; name: string; tasks: WorkbookTaskView[] }

const STATUS = ["Incomplete", "Complete", "In progress"] as const;
const STATUS_STYLE = [
  "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
  "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/40 dark:text-emerald-300",
  "bg-amber-100 text-amber-800 dark:bg-amber-900/40 dark:text-amber-300",
];

function progress(tasks: WorkbookTaskView[]): string {
  return `${tasks.filter((t) => t.status === 1).length}/${tasks.length}`;
}

function TaskRow({ containerId, task, users, canWrite }: { containerId: number; task: WorkbookTaskView; users: { id: number; username: string }[]; canWrite: boolean }) {
  const { pending, run } = useActionToast();
  const [noteFor, setNoteFor] = useState<"close" | "note" | null>(null);
  const [note, setNote] = useState("");
  const send = (patch: { status?: 0 | 1 | 2; owner_id?: number | null; note?: string; title?: string }, done: string) =>
    run(() => updateTaskAction({ container_id: containerId, task_id: task.id, patch }), done, () => {
      setNoteFor(null);
      setNote("");
    });
  const complete = () => (task.isNoteRequired ? setNoteFor("close") : send({ status: 1 }, `${task.name} completed`));
  return (
    <li className="py-2" data-testid={`task-${task.id}`}>
      <div className="flex flex-wrap items-center gap-2">
        <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLE[task.status]}`}>{STATUS[task.status]}</span>
        <span className="font-medium">{task.name}</span>
        {task.isNoteRequired && <span className="text-xs text-slate-500" title="A closing note is required to complete this task">note required</span>}
        {task.dueTime && task.status !== 1 && (
          <span className={`text-xs ${task.slaBreached ? "font-semibold text-red-700 dark:text-red-400" : "text-slate-500"}`}>
            {task.slaBreached ? "SLA breached · " : "due "}<Time value={task.dueTime} />
          </span>
        )}
        {task.notes > 0 && <span className="text-xs text-slate-500">{task.notes} note{task.notes === 1 ? "" : "s"}</span>}
        {canWrite && (
          <span className="ml-auto flex flex-wrap items-center gap-1">
            <label className="sr-only" htmlFor={`owner-${task.id}`}>Owner of {task.name}</label>
            <select id={`owner-${task.id}`} className={`${inputClass} w-auto py-0.5 text-xs`} value={task.ownerId ?? ""} disabled={pending}
              onChange={(e) => send({ owner_id: e.target.value ? Number(e.target.value) : null }, `${task.name} reassigned`)}>
              <option value="">Unassigned</option>
              {users.map((u) => <option key={u.id} value={u.id}>{u.username}</option>)}
            </select>
            {task.status === 0 && <Button variant="secondary" className="py-0.5 text-xs" disabled={pending} onClick={() => send({ status: 2 }, `${task.name} started`)}>Start</Button>}
            {task.status !== 1 && <Button variant="secondary" className="py-0.5 text-xs" disabled={pending} onClick={complete}>Complete</Button>}
            {task.status === 1 && <Button variant="ghost" className="py-0.5 text-xs" disabled={pending} onClick={() => send({ status: 0 }, `${task.name} reopened`)}>Reopen</Button>}
            <Button variant="ghost" className="py-0.5 text-xs" disabled={pending} onClick={() => setNoteFor(noteFor ? null : "note")}>Note</Button>
          </span>
        )}
      </div>
      {task.description && <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{task.description}</p>}
      {canWrite && task.playbooks.length + task.actions.length > 0 && (
        <p className="mt-1 flex flex-wrap items-center gap-1 text-xs text-slate-500">
          Suggested:
          {task.playbooks.map((p) => (
            <Button key={p} variant="secondary" className="py-0.5 text-xs" disabled={pending} aria-label={`Run playbook ${p} for ${task.name}`}
              onClick={() => run(() => runPlaybookAction({ playbook_id: p, container_id: containerId, scope: "all" }), `${p} started`)}>
              Run {p.split("/").slice(1).join("/")}
            </Button>
          ))}
          {task.actions.map((a, i) => (
            <Button key={`${a}-${i}`} variant="secondary" className="py-0.5 text-xs" disabled={pending} aria-label={`Run action ${a} for ${task.name}`}
              onClick={() => run(() => runSuggestedActionAction({ container_id: containerId, task_id: task.id, index: i }), `${a} started`)}>
              {a}
            </Button>
          ))}
        </p>
      )}
      {noteFor && (
        <form className="mt-2 space-y-2" onSubmit={(e) => {
          e.preventDefault();
          if (!note.trim()) return;
          send(noteFor === "close" ? { status: 1, note, title: `Closing note: ${task.name}` } : { note, title: task.name }, noteFor === "close" ? `${task.name} completed` : "Note added");
        }}>
          <label className="block text-sm font-medium" htmlFor={`note-${task.id}`}>{noteFor === "close" ? "Closing note (required)" : "Task note"}</label>
          <textarea id={`note-${task.id}`} className={inputClass} rows={3} required value={note} onChange={(e) => setNote(e.target.value)} />
          <div className="flex gap-2">
            <Button type="submit" disabled={pending || !note.trim()}>{noteFor === "close" ? "Complete with note" : "Add note"}</Button>
            <Button type="button" variant="ghost" onClick={() => setNoteFor(null)}>Cancel</Button>
          </div>
        </form>
      )}
    </li>
  );
}

export function WorkbookPanel({ containerId, phases, templates, users, canWrite }: {
  containerId: number; phases: WorkbookPhaseView[]; templates: { id: number; name: string }[]; users: { id: number; username: string }[]; canWrite: boolean;
}) {
  const { pending, run } = useActionToast();
  const [template, setTemplate] = useState("");
  const all = phases.flatMap((p) => p.tasks);
  const add = canWrite && templates.length > 0 && (
    <form className="flex items-center gap-1" onSubmit={(e) => {
      e.preventDefault();
      if (template) run(() => addWorkbookAction({ container_id: containerId, template_id: Number(template) }), "Workbook added", () => setTemplate(""));
    }}>
      <label className="sr-only" htmlFor="add-workbook">Workbook to add</label>
      <select id="add-workbook" className={`${inputClass} w-auto py-0.5 text-xs`} value={template} onChange={(e) => setTemplate(e.target.value)}>
        <option value="">Add workbook…</option>
        {templates.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
      </select>
      <Button type="submit" variant="secondary" className="py-0.5 text-xs" disabled={pending || !template}>Add</Button>
    </form>
  );
  return (
    <div id="workbook">
      <Section title="Workbook" count={all.length} actions={add || undefined}>
        {phases.length === 0 ? <Empty>No workbook on this event.</Empty> : (
          <div className="space-y-4">
            <p className="text-sm text-slate-600 dark:text-slate-400" aria-label="Workbook progress">{progress(all)} tasks complete</p>
            {phases.map((p) => (
              <div key={p.id}>
                <h3 className="flex items-center gap-2 text-sm font-semibold">{p.name}<span className="font-normal text-slate-500">{progress(p.tasks)}</span></h3>
                <ul className="divide-y divide-slate-100 dark:divide-slate-800">
                  {p.tasks.map((t) => <TaskRow key={t.id} containerId={containerId} task={t} users={users} canWrite={canWrite} />)}
                </ul>
              </div>
            ))}
          </div>
        )}
      </Section>
    </div>
  );
}
