"use client";
// Promote this event to a case, or add it to an open case.
import { useRouter } from "next/navigation";
import { addToCaseAction, promoteAction } from "@/app/(console)/events/actions";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { useActionToast } from "@/components/ui/toast";

export function CaseControls({ id, cases }: { id: number; cases: { id: number; name: string }[] }) {
  const { pending, run } = useActionToast();
  const router = useRouter();
  const choices = cases.filter((c) => c.id !== id);
  return (
    <div className="flex flex-wrap items-center gap-2">
      {choices.length > 0 && (
        <select aria-label="Add to case" className={`${inputClass} !w-auto`} disabled={pending} value=""
          onChange={(e) => {
            const caseId = Number(e.target.value);
            if (caseId) run(() => addToCaseAction({ case_id: caseId, ids: [id] }), `Added to case #${caseId}`);
          }}>
          <option value="">Add to case…</option>
          {choices.map((c) => <option key={c.id} value={c.id}>#{c.id} {c.name}</option>)}
        </select>
      )}
      <Button variant="secondary" disabled={pending} onClick={() => run(() => promoteAction({ id }), `Event #${id} is now a case`, () => router.push(`/cases/${id}`))}>Promote to case</Button>
    </div>
  );
}
