"use client";
// A playbook's housekeeping on the list: duplicate (opens the copy), export as Vigil JSON, and
// delete behind a confirmation that says what goes with it.
import { useRouter } from "next/navigation";
import { deletePlaybookAction, duplicatePlaybookAction } from "@/app/(console)/playbooks/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useActionToast } from "@/components/ui/toast";

const small = "!px-2 !py-0.5 text-xs";

export function PlaybookRowActions({ id, name, runs, canWrite }: { id: number; name: string; runs: number; canWrite: boolean }) {
  const router = useRouter();
  const { pending, run } = useActionToast();
  return (
    <span className="inline-flex items-center gap-1">
      <a href={`/api/playbooks/${id}/export`} download className={`rounded-md border border-slate-300 px-2 py-0.5 text-xs font-medium dark:border-slate-600 ${pending ? "pointer-events-none opacity-50" : ""}`} aria-label={`Export ${name}`}>Export</a>
      {canWrite && (
        <>
          <Button variant="secondary" className={small} disabled={pending} aria-label={`Duplicate ${name}`}
            onClick={() => run(() => duplicatePlaybookAction({ id }), (v) => `Duplicated as ${v?.name ?? "a copy"}`, () => router.refresh())}>
            Duplicate
          </Button>
          <ConfirmDialog
            title={`Delete playbook ${name}?`}
            description={<>Its versions and schedules are deleted with it{runs > 0 ? <>, and so are its <strong>{runs} past run(s)</strong> and their logs</> : ""}. The audit trail keeps that it existed. This cannot be undone: export it first to keep a copy.</>}
            confirmLabel="Delete playbook"
            onConfirm={() => run(() => deletePlaybookAction({ id }), `Deleted ${name}`, () => router.refresh())}
            trigger={<Button variant="secondary" className={small} disabled={pending} aria-label={`Delete ${name}`}>Delete</Button>}
          />
        </>
      )}
    </span>
  );
}
