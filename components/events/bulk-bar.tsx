"use client";
// Bulk actions on the selected events. The server applies each all or nothing.
import { useState } from "react";
import { bulkAction } from "@/app/(console)/events/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { inputClass } from "@/components/ui/field";
import { useActionToast } from "@/components/ui/toast";
import type { QueueChoices } from "@/lib/domain/events-queue";
import type { BulkAction } from "@/lib/schemas/events";

const small = `${inputClass} !w-auto`;

export function BulkBar({ ids, choices, cases, onDone }: {
  ids: number[];
  choices: QueueChoices;
  cases: { id: number; name: string }[];
  onDone: () => void;
}) {
  const { pending, run: runAction } = useActionToast();
  const [reason, setReason] = useState("");
  const [confirming, setConfirming] = useState(false);
  const run = (action: BulkAction) =>
    runAction(() => bulkAction({ ids, action }), (v) => { const n = v?.updated ?? ids.length; return `Updated ${n} event${n === 1 ? "" : "s"}`; }, onDone);
  const count = `${ids.length} event${ids.length === 1 ? "" : "s"}`;
  const picker = (label: string, options: { value: string; label: string }[], act: (v: string) => BulkAction) => (
    <select aria-label={label} className={small} disabled={pending} value="" onChange={(e) => e.target.value && run(act(e.target.value))}>
      <option value="">{label}…</option>
      {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
    </select>
  );
  return (
    <div role="region" aria-label="Bulk actions" className="flex max-w-5xl flex-wrap items-center gap-2 rounded-md border border-brand-500/40 bg-brand-50 px-3 py-2 text-sm shadow-lg dark:bg-slate-900">
      <span className="font-medium">{ids.length} selected</span>
      {picker("Assign owner", [{ value: "none", label: "Nobody" }, ...choices.users.map((u) => ({ value: String(u.id), label: u.username }))],
        (v) => ({ kind: "owner", owner_id: v === "none" ? null : Number(v) }))}
      {picker("Set status", choices.statuses.map((s) => ({ value: s, label: s })), (v) => ({ kind: "status", status: v }))}
      {picker("Set severity", choices.severities.map((s) => ({ value: s, label: s })), (v) => ({ kind: "severity", severity: v }))}
      {picker("Add to case", cases.map((c) => ({ value: String(c.id), label: `#${c.id} ${c.name}` })), (v) => ({ kind: "case", case_id: Number(v) }))}
      <form className="flex items-center gap-1" onSubmit={(e) => { e.preventDefault(); setConfirming(true); }}>
        <input aria-label="Reason for closing" placeholder="Reason for closing" className={`${small} w-44`} value={reason} onChange={(e) => setReason(e.target.value)} />
        <Button type="submit" variant="danger" disabled={pending || !reason.trim()}>Close</Button>
      </form>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Close ${count}?`}
        description={<>Each is closed with the reason “{reason.trim()}”, written to its comments. Closed events leave the open queue.</>}
        confirmLabel={`Close ${count}`}
        onConfirm={() => run({ kind: "close", reason })}
      />
    </div>
  );
}
