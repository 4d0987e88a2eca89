"use client";
// Change one's own password: the current one proves it is really them; every other session of
// theirs ends, this one stays.
import { useRef, useState } from "react";
import { changePasswordAction } from "@/app/(console)/account/actions";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useActionToast } from "@/components/ui/toast";

export function PasswordForm({ username }: { username: string }) {
  const form = useRef<HTMLFormElement>(null);
  const [error, setError] = useState<string | null>(null);
  const { pending, run } = useActionToast();
  const submit = (data: FormData) => {
    setError(null);
    run(async () => {
      const result = await changePasswordAction(Object.fromEntries(data));
      if (!result.ok) setError(result.error);
      return result;
    }, (v) => `Password changed${v?.sessionsEnded ? `; ${v.sessionsEnded} other session${v.sessionsEnded === 1 ? "" : "s"} signed out` : ""}`, () => form.current?.reset());
  };
  return (
    <form ref={form} action={submit} className="grid gap-3 sm:max-w-sm">
      {/* Lets password managers file the new password under the right account. */}
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      <Field label="Current password" htmlFor="current-password">
        <Input id="current-password" name="current" type="password" required autoComplete="current-password" />
      </Field>
      <Field label="New password" htmlFor="new-password" hint="At least 8 characters.">
        <Input id="new-password" name="password" type="password" required minLength={8} autoComplete="new-password" />
      </Field>
      <Field label="New password again" htmlFor="confirm-password">
        <Input id="confirm-password" name="confirm" type="password" required autoComplete="new-password" />
      </Field>
      <p className="text-xs text-slate-500 dark:text-slate-400">Your other sessions (other browsers and devices) are signed out; this one stays.</p>
      {error && <p role="alert" className="text-sm text-red-700 dark:text-red-400">{error}</p>}
      <div><Button type="submit" disabled={pending}>{pending ? "Changing…" : "Change password"}</Button></div>
    </form>
  );
}
