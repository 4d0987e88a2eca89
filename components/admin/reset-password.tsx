"use client";
// Administration > Users: reset a user's password, typed or generated. Either way every session
// of that user ends; a generated password is shown once, here, and never again.
import { useState } from "react";
import { resetPasswordAction } from "@/app/(console)/admin/users/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/field";
import { useActionToast } from "@/components/ui/toast";

export function ResetPassword({ userId, username, onGenerated }: { userId: number; username: string; onGenerated: (username: string, password: string) => void }) {
  const [typed, setTyped] = useState("");
  const { pending, run } = useActionToast();
  const tooShort = typed.length > 0 && typed.length < 8;
  return (
    <ConfirmDialog
      title={`Reset the password of ${username}?`}
      description={<>{username} is signed out everywhere at once and needs the new password to sign in again.</>}
      confirmLabel="Reset password"
      disabled={tooShort}
      onConfirm={() => run(
        () => resetPasswordAction({ userId, password: typed }),
        `Password of ${username} reset; their sessions ended`,
        (v) => {
          setTyped("");
          if (v?.password) onGenerated(v.username, v.password);
        },
      )}
      onOpenChange={(open) => open || setTyped("")}
      trigger={<Button variant="secondary" disabled={pending}>Reset password</Button>}
    >
      <label htmlFor={`reset-${userId}`} className="block text-sm font-medium text-slate-700 dark:text-slate-300">New password</label>
      <Input id={`reset-${userId}`} type="password" autoComplete="new-password" placeholder="leave empty to generate" value={typed} onChange={(e) => setTyped(e.target.value)} />
      <p className={`mt-1 text-xs ${tooShort ? "text-red-700 dark:text-red-400" : "text-slate-500 dark:text-slate-400"}`}>
        {tooShort ? "At least 8 characters." : "Empty: Vigil generates one and shows it once."}
      </p>
    </ConfirmDialog>
  );
}
