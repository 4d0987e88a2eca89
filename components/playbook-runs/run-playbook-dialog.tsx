"use client";
// "Run playbook" on the investigation page: choose a playbook and the artifacts it sees (those it
// has not processed on this container yet, or all), and an input playbook's inputs (one value a
// line). Starts the run through the same domain function as POST /rest/playbook_run.
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { runPlaybookAction } from "@/app/(console)/events/playbook-runs";
import { DialogButtons, FormDialog } from "@/components/ui/form-dialog";
import { Field, inputClass, Select } from "@/components/ui/field";
import type { RunnablePlaybook } from "@/lib/domain/playbook-runs-view";

interface Props {
  containerId: number;
  playbooks: RunnablePlaybook[];
  onClose: () => void;
  onStarted: () => void;
}

export function RunPlaybookDialog({ containerId, playbooks, onClose, onStarted }: Props) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [playbookId, setPlaybookId] = useState<number | null>(playbooks[0]?.id ?? null);
  const [scope, setScope] = useState<"new" | "all">("new");
  const [inputs, setInputs] = useState<Record<string, string>>({});
  const playbook = playbooks.find((p) => p.id === playbookId) ?? null;

  const run = () => {
    if (!playbook) return;
    setError(null);
    const values = playbook.type === "input"
      ? Object.fromEntries(playbook.inputs.map((i) => [i.name, (inputs[i.name] ?? "").split("\n").map((v) => v.trim()).filter(Boolean)]))
      : {};
    start(async () => {
      const result = await runPlaybookAction({ container_id: containerId, playbook_id: playbook.id, scope, inputs: values });
      if (!result.ok) return setError(result.error);
      toast.success(`${playbook.name} started (run #${result.value?.id ?? "?"})`);
      onStarted();
      onClose();
    });
  };

  return (
    <FormDialog title="Run playbook" description={`On #${containerId}`} onClose={onClose}>
          {playbooks.length === 0 ? (
            <p className="mt-4 text-sm text-slate-600 dark:text-slate-300">There is no playbook to run yet.</p>
          ) : (
            <form className="mt-4 space-y-4" onSubmit={(e) => { e.preventDefault(); run(); }}>
              <Field label="Playbook" htmlFor="run-playbook" hint={playbook?.description || undefined}>
                <Select id="run-playbook" value={playbookId ?? ""} onChange={(e) => { setPlaybookId(Number(e.target.value)); setInputs({}); setError(null); }}>
                  {playbooks.map((p) => (
                    <option key={p.id} value={p.id}>{p.name}{p.type === "input" ? " (input playbook)" : ""}{p.active ? "" : " (inactive)"}</option>
                  ))}
                </Select>
              </Field>
              <fieldset className="space-y-1">
                <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Scope</legend>
                <label className="flex items-center gap-2 text-sm">
                  <input type="radio" name="run-scope" value="new" checked={scope === "new"} onChange={() => setScope("new")} />
                  New artifacts (those this playbook has not processed on this event)
                </label>
                <label className="flex items-center gap-2 text-sm">
                  <input type="radio" name="run-scope" value="all" checked={scope === "all"} onChange={() => setScope("all")} />
                  All artifacts
                </label>
              </fieldset>
              {playbook?.type === "input" && playbook.inputs.map((i) => (
                <Field key={i.name} label={`Input ${i.name}`} htmlFor={`run-input-${i.name}`} hint={[i.description, "One value a line."].filter(Boolean).join(" ")}>
                  <textarea id={`run-input-${i.name}`} rows={3} className={inputClass} value={inputs[i.name] ?? ""} onChange={(e) => setInputs((s) => ({ ...s, [i.name]: e.target.value }))} />
                </Field>
              ))}
              {error && <p role="alert" className="text-sm text-red-700 dark:text-red-400">{error}</p>}
              <DialogButtons submit="Run" disabled={pending || !playbook} />
            </form>
          )}
    </FormDialog>
  );
}
