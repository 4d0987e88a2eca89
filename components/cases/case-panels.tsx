"use client";
// The case page's own controls: add containers by id, close the case with a reason.
import { useState } from "react";
import { addToCaseAction, bulkAction } from "@/app/(console)/events/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { inputClass } from "@/components/ui/field";
import { useActionToast } from "@/components/ui/toast";

export function AddContainers({ caseId }: { caseId: number }) {
  const [ids, setIds] = useState("");
  const { pending, run } = useActionToast();
  const parsed = ids.split(/[\s,#]+/).filter(Boolean).map(Number);
  return (
    <form className="flex flex-wrap items-center gap-2" onSubmit={(e) => {
      e.preventDefault();
      run(() => addToCaseAction({ case_id: caseId, ids: parsed }), (v) => `Added ${v?.updated ?? parsed.length} to case #${caseId}`, () => setIds(""));
    }}>
      <input aria-label="Event ids to add" placeholder="Event ids, e.g. 12, 15" className={`${inputClass} !w-48`} value={ids} onChange={(e) => setIds(e.target.value)} />
      <Button type="submit" variant="secondary" disabled={pending || !parsed.length || parsed.some((n) => !Number.isSafeInteger(n) || n <= 0)}>Add to case</Button>
    </form>
  );
}

export function CloseCase({ caseId, closed }: { caseId: number; closed: boolean }) {
  const [reason, setReason] = useState("");
  const [confirming, setConfirming] = useState(false);
  const { pending, run } = useActionToast();
  if (closed) return null;
  return (
    <form className="flex flex-wrap items-center gap-2" onSubmit={(e) => { e.preventDefault(); setConfirming(true); }}>
      <input aria-label="Resolution" placeholder="Resolution" className={`${inputClass} !w-56`} value={reason} onChange={(e) => setReason(e.target.value)} />
      <Button type="submit" variant="danger" disabled={pending || !reason.trim()}>Close case</Button>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Close case #${caseId}?`}
        description={<>The case is closed with the resolution “{reason.trim()}”, written to its comments. Its events stay as they are.</>}
        confirmLabel="Close case"
        onConfirm={() => run(() => bulkAction({ ids: [caseId], action: { kind: "close", reason } }), `Case #${caseId} closed`, () => setReason(""))}
      />
    </form>
  );
}
