"use client";
// The case page's own controls: add containers by id, close the case with a reason.
import { useState, useTransition } from "react";
import { addToCaseAction, bulkAction } from "@/app/(console)/events/actions";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

function useRun() {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (fn: () => Promise<{ ok: boolean; error?: string }>, done?: () => void) => start(async () => {
    const r = await fn();
    setError(r.ok ? null : (r.error ?? "failed"));
    if (r.ok) done?.();
  });
  return { pending, error, run };
}

export function AddContainers({ caseId }: { caseId: number }) {
  const [ids, setIds] = useState("");
  const { pending, error, run } = useRun();
  const parsed = ids.split(/[\s,#]+/).filter(Boolean).map(Number);
  return (
    <form className="flex flex-wrap items-center gap-2" onSubmit={(e) => { e.preventDefault(); run(() => addToCaseAction({ case_id: caseId, ids: parsed }), () => setIds("")); }}>
      <input aria-label="Event ids to add" placeholder="Event ids, e.g. 12, 15" className={`${inputClass} !w-48`} value={ids} onChange={(e) => setIds(e.target.value)} />
      <Button type="submit" variant="secondary" disabled={pending || !parsed.length || parsed.some((n) => !Number.isSafeInteger(n) || n <= 0)}>Add to case</Button>
      {error && <p role="alert" className="basis-full text-sm text-red-700 dark:text-red-400">{error}</p>}
    </form>
  );
}

export function CloseCase({ caseId, closed }: { caseId: number; closed: boolean }) {
  const [reason, setReason] = useState("");
  const { pending, error, run } = useRun();
  if (closed) return null;
  return (
    <form className="flex flex-wrap items-center gap-2" onSubmit={(e) => { e.preventDefault(); run(() => bulkAction({ ids: [caseId], action: { kind: "close", reason } }), () => setReason("")); }}>
      <input aria-label="Resolution" placeholder="Resolution" className={`${inputClass} !w-56`} value={reason} onChange={(e) => setReason(e.target.value)} />
      <Button type="submit" variant="danger" disabled={pending || !reason.trim()}>Close case</Button>
      {error && <p role="alert" className="basis-full text-sm text-red-700 dark:text-red-400">{error}</p>}
    </form>
  );
}
