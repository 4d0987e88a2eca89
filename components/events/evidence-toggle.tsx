"use client";
// Marks an artifact, note or attachment as evidence of the case it belongs to.
import { useOptimistic, useTransition } from "react";
import { toast } from "sonner";
import { setEvidenceAction } from "@/app/(console)/events/actions";
import type { EvidenceType } from "@/lib/domain/cases";

export function EvidenceToggle({ caseId, type, id, marked, canWrite }: { caseId: number; type: EvidenceType; id: number; marked: boolean; canWrite: boolean }) {
  const [pending, start] = useTransition();
  // Ticks at once; falls back to the server's answer if the action fails.
  const [shown, setShown] = useOptimistic(marked);
  if (!canWrite) return marked ? <span className="rounded bg-emerald-100 px-1.5 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-900/50 dark:text-emerald-200">Evidence</span> : null;
  return (
    <label className="inline-flex items-center gap-1 whitespace-nowrap text-xs">
      <input type="checkbox" checked={shown} disabled={pending} aria-label={`Evidence: ${type} ${id}`}
        onChange={(e) => {
          const evidence = e.target.checked;
          start(async () => {
            setShown(evidence);
            const r = await setEvidenceAction({ case_id: caseId, object_type: type, object_id: id, evidence });
            // The tick itself shows success; only a refusal needs words.
            if (!r.ok) toast.error(r.error);
          });
        }} />
      Evidence
    </label>
  );
}
