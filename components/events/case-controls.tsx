"use client";
// Promote this event to a case, or add it to an open case.
import { useState, useTransition } from "react";
import { addToCaseAction, promoteAction } from "@/app/(console)/events/actions";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

export function CaseControls({ id, cases }: { id: number; cases: { id: number; name: string }[] }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (fn: () => Promise<{ ok: boolean; error?: string }>) => start(async () => {
    const r = await fn();
    setError(r.ok ? null : (r.error ?? "failed"));
  });
  const choices = cases.filter((c) => c.id !== id);
  return (
    <div className="flex flex-wrap items-center gap-2">
      {choices.length > 0 && (
        <select aria-label="Add to case" className={`${inputClass} !w-auto`} disabled={pending} value=""
          onChange={(e) => e.target.value && run(() => addToCaseAction({ case_id: Number(e.target.value), ids: [id] }))}>
          <option value="">Add to case…</option>
          {choices.map((c) => <option key={c.id} value={c.id}>#{c.id} {c.name}</option>)}
        </select>
      )}
      <Button variant="secondary" disabled={pending} onClick={() => run(() => promoteAction({ id }))}>Promote to case</Button>
      {error && <p role="alert" className="basis-full text-sm text-red-700 dark:text-red-400">{error}</p>}
    </div>
  );
}
