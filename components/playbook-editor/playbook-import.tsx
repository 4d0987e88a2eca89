"use client";
// Import on the playbook list: a Vigil JSON export file becomes a new, inactive playbook. A bad
// file (not JSON, not an export, an invalid graph, a name in use) is refused with a message that
// stays on screen until the next try.
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition, type ChangeEvent } from "react";
import { toast } from "sonner";
import { importPlaybookAction } from "@/app/(console)/playbooks/actions";

const MAX_BYTES = 5 * 1024 * 1024;

export function PlaybookImport() {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    start(async () => {
      setError(null);
      if (file.size > MAX_BYTES) return setError(`${file.name} is not imported: it has ${file.size} bytes, more than the ${MAX_BYTES} a playbook export may have`);
      let content: unknown;
      try {
        content = JSON.parse(await file.text());
      } catch (err) {
        return setError(`${file.name} is not imported: it is not JSON (${(err as Error).message})`);
      }
      const r = await importPlaybookAction(content);
      if (!r.ok) return setError(`${file.name} is not imported: ${r.error}`);
      toast.success(`Imported ${r.value!.name} (inactive)`);
      router.push(`/playbooks/${r.value!.id}`);
    });
  };
  return (
    <div className="flex flex-col items-end gap-1">
      <input ref={input} type="file" accept="application/json,.json" className="sr-only" aria-label="Playbook file to import" onChange={onFile} tabIndex={-1} />
      <button type="button" disabled={pending} onClick={() => input.current?.click()}
        className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium disabled:opacity-50 dark:border-slate-600">
        {pending ? "Importing…" : "Import JSON"}
      </button>
      {error && <p role="alert" className="max-w-md text-right text-xs text-red-700 dark:text-red-400">{error}</p>}
    </div>
  );
}
