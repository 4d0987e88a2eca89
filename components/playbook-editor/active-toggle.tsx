"use client";
// A playbook's active switch on the list. The server refuses to activate one with errors and
// says why (the toast).
import { useRouter } from "next/navigation";
import { setPlaybookActiveAction } from "@/app/(console)/playbooks/actions";
import { Button } from "@/components/ui/button";
import { useActionToast } from "@/components/ui/toast";

export function ActiveToggle({ id, name, active, canWrite }: { id: number; name: string; active: boolean; canWrite: boolean }) {
  const router = useRouter();
  const { pending, run } = useActionToast();
  const badge = active
    ? <span className="rounded bg-emerald-100 px-1.5 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-900/40 dark:text-emerald-300">Active</span>
    : <span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-700 dark:text-slate-200">Inactive</span>;
  if (!canWrite) return badge;
  return (
    <span className="inline-flex items-center gap-2">
      {badge}
      <Button variant="secondary" className="!px-2 !py-0.5 text-xs" disabled={pending} aria-label={`${active ? "Deactivate" : "Activate"} ${name}`}
        onClick={() => run(() => setPlaybookActiveAction({ id, active: !active }), `${name} ${active ? "deactivated" : "activated"}`, () => router.refresh())}>
        {active ? "Deactivate" : "Activate"}
      </Button>
    </span>
  );
}
