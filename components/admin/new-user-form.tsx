"use client";
import { useState, useTransition } from "react";
import { createUserAction } from "@/app/(console)/admin/users/actions";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { ROLE_LABELS, ROLES } from "@/lib/auth/permissions";
import { SecretOnce } from "./secret-once";

export function NewUserForm() {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ username: string; password: string | null } | null>(null);
  // onSubmit, not <form action>: React resets a form after its action, which threw away what
  // was typed when the server refused it. The fields clear only once the user exists.
  const submit = (form: HTMLFormElement) => {
    setError(null);
    startTransition(async () => {
      const result = await createUserAction(Object.fromEntries(new FormData(form)));
      if (!result.ok) return setError(result.error);
      form.reset();
      setCreated(result.value ?? null);
    });
  };
  return (
    <section aria-labelledby="new-user" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="new-user" className="mb-3 font-semibold">Create a user</h2>
      <form onSubmit={(e) => { e.preventDefault(); submit(e.currentTarget); }} className="grid gap-3 sm:grid-cols-2 xl:grid-cols-5 xl:items-end">
        <Field label="Username" htmlFor="new-username">
          <Input id="new-username" name="username" required autoComplete="off" />
        </Field>
        <Field label="Full name" htmlFor="new-name">
          <Input id="new-name" name="name" autoComplete="off" />
        </Field>
        <Field label="Role" htmlFor="new-role">
          <Select id="new-role" name="role" defaultValue="analyst">
            {ROLES.map((r) => (
              <option key={r} value={r}>{ROLE_LABELS[r]}</option>
            ))}
          </Select>
        </Field>
        <Field label="Password" htmlFor="new-password">
          <Input id="new-password" name="password" type="password" placeholder="leave empty to generate" autoComplete="new-password" />
        </Field>
        <Button type="submit" disabled={pending}>{pending ? "Creating…" : "Create user"}</Button>
      </form>
      {error && <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-400">{error}</p>}
      {created && (
        <p role="status" className="mt-3 text-sm">
          Created <strong>{created.username}</strong>.
          {created.password && <SecretOnce label="Generated password" value={created.password} />}
        </p>
      )}
    </section>
  );
}
