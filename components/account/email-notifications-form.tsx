"use client";
// The kinds of notification that reach this user by email (all by default), and their address.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { setEmailPreferencesAction } from "@/app/(console)/account/actions";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useActionToast } from "@/components/ui/toast";
import { KIND_NAMES, NOTIFICATION_KINDS } from "@/lib/domain/notification-kinds";

export function EmailNotificationsForm({ email, optOut }: { email: string; optOut: string[] }) {
  const [address, setAddress] = useState(email);
  const [off, setOff] = useState(new Set(optOut));
  const { pending, run } = useActionToast();
  const router = useRouter();
  const toggle = (k: string, on: boolean) => setOff((s) => {
    const next = new Set(s);
    if (on) next.delete(k);
    else next.add(k);
    return next;
  });
  return (
    <form className="space-y-3" onSubmit={(e) => {
      e.preventDefault();
      run(() => setEmailPreferencesAction({ email: address, optOut: [...off] }), "Email notifications saved", () => router.refresh());
    }}>
      <Field label="Email address" htmlFor="notify-email" hint="Leave empty for no email at all.">
        <Input id="notify-email" type="email" value={address} onChange={(e) => setAddress(e.target.value)} className="sm:max-w-xs" />
      </Field>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Email me about</legend>
        {KIND_NAMES.map((k) => (
          <label key={k} className="block text-sm">
            <input type="checkbox" checked={!off.has(k)} onChange={(e) => toggle(k, e.target.checked)} /> {NOTIFICATION_KINDS[k]}
          </label>
        ))}
      </fieldset>
      <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save email notifications"}</Button>
    </form>
  );
}
