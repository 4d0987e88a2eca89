"use client";
import { useRouter } from "next/navigation";
import { createListAction } from "@/app/(console)/lists/actions";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useListAction } from "./use-list-action";

export function NewListForm() {
  const router = useRouter();
  const { pending, error, run } = useListAction();
  const submit = (form: FormData) =>
    run(() => createListAction({ name: form.get("name"), content: [] }), (value) => value && router.push(`/lists/${value.id}`));
  return (
    <section aria-labelledby="new-list" className="mb-6 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="new-list" className="mb-3 font-semibold">Create a list</h2>
      <form action={submit} className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <Field label="Name" htmlFor="list-name" hint="Playbooks refer to it as custom_list:<name>.">
            <Input id="list-name" name="name" required maxLength={128} autoComplete="off" />
          </Field>
        </div>
        <Button type="submit" disabled={pending} className="mb-5">{pending ? "Creating…" : "Create list"}</Button>
      </form>
      {error && <p role="alert" className="text-sm text-red-700 dark:text-red-400">{error}</p>}
    </section>
  );
}
