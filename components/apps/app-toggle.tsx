"use client";
// Enabled or disabled, and for administrators the switch. Disabling asks first: running an
// action on the app's assets is refused until it is enabled again.
import { useRouter } from "next/navigation";
import { setAppEnabledAction } from "@/app/(console)/apps/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useActionToast } from "@/components/ui/toast";

export function AppToggle({ id, name, enabled, broken, canWrite }: { id: number; name: string; enabled: boolean; broken: boolean; canWrite: boolean }) {
  const router = useRouter();
  const { pending, run } = useActionToast();
  const set = (on: boolean) => run(() => setAppEnabledAction({ id, enabled: on }), `${name} ${on ? "enabled" : "disabled"}`, () => router.refresh());
  const badge = enabled
    ? <span className="rounded bg-emerald-100 px-1.5 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-900/40 dark:text-emerald-300">Enabled</span>
    : <span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-700 dark:text-slate-200">Disabled</span>;
  if (!canWrite || (broken && !enabled)) return badge;
  return (
    <span className="inline-flex items-center gap-2">
      {badge}
      {enabled ? (
        <ConfirmDialog
          title={`Disable ${name}?`}
          description="Actions on its assets are refused until the app is enabled again; runs already queued still finish."
          confirmLabel="Disable app"
          onConfirm={() => set(false)}
          trigger={<Button variant="secondary" className="!px-2 !py-0.5 text-xs" disabled={pending}>Disable</Button>}
        />
      ) : (
        <Button variant="secondary" className="!px-2 !py-0.5 text-xs" disabled={pending} onClick={() => set(true)}>Enable</Button>
      )}
    </span>
  );
}
