"use client";
// "Import from Splunk SOAR" on the playbook list: playbooks (`<name>.json` + `<name>.py`, or a SOAR
// export archive) or custom functions, into a repository, optionally replacing ones of the same
// name. The dialog stays open on the outcome: each playbook's import report, or why a file was
// refused, so what cannot bind is read before anyone activates the playbook.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Dialog } from "radix-ui";
import { useState, useTransition, type FormEvent } from "react";
import { importSoarAction } from "@/app/(console)/playbooks/actions";
import { Button } from "@/components/ui/button";
import { Field, FieldError, Input } from "@/components/ui/field";
import type { UploadOutcome } from "@/lib/domain/soar-upload";
import { SOAR_UPLOAD_MAX } from "@/lib/schemas/playbook-editor";
import { ImportReportView } from "./import-report";

function Outcome({ o, kind }: { o: UploadOutcome; kind: string }) {
  if (!o.ok) return <li className="rounded border border-red-200 p-2 dark:border-red-900"><strong className="font-mono text-sm">{o.name}</strong><p role="alert" className="text-xs text-red-700 dark:text-red-400">Not imported: {o.error}</p></li>;
  return (
    <li className="space-y-1 rounded border border-slate-200 p-2 dark:border-slate-700">
      <div className="flex items-baseline gap-2">
        {kind === "playbook" ? <Link href={`/playbooks/${o.id}`} className="link font-mono text-sm font-medium">{o.repo}/{o.name}</Link> : <span className="font-mono text-sm font-medium">{o.repo}/{o.name}</span>}
        <span className="text-xs text-slate-500">{kind === "playbook" ? `${o.created ? "imported" : "replaced"}, version ${o.version} (inactive until activated)` : "custom function imported"}</span>
      </div>
      {o.report && <ImportReportView report={o.report} name={o.name} />}
    </li>
  );
}

export function SoarImportDialog() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<"playbook" | "custom_function">("playbook");
  const [error, setError] = useState<string | null>(null);
  const [outcomes, setOutcomes] = useState<UploadOutcome[] | null>(null);
  const [pending, start] = useTransition();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const files = form.getAll("files") as File[];
    const size = files.reduce((n, f) => n + f.size, 0);
    if (size > SOAR_UPLOAD_MAX) return setError(`The files hold ${size} bytes, more than the ${SOAR_UPLOAD_MAX} one upload may have: import fewer at a time.`);
    start(async () => {
      setError(null);
      setOutcomes(null);
      const r = await importSoarAction(form);
      if (!r.ok) return setError(r.error);
      setOutcomes(r.value!);
      router.refresh();
    });
  };
  return (
    <Dialog.Root open={open} onOpenChange={(o) => { setOpen(o); if (!o) { setOutcomes(null); setError(null); setKind("playbook"); } }}>
      <Dialog.Trigger asChild><Button variant="secondary">Import from Splunk SOAR</Button></Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/50" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 max-h-[90vh] w-[calc(100%-2rem)] max-w-2xl -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg border border-slate-200 bg-white p-5 shadow-xl dark:border-slate-700 dark:bg-slate-900">
          <Dialog.Title className="text-base font-semibold">Import from Splunk SOAR</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-600 dark:text-slate-300">
            Choose a playbook&apos;s <code>.json</code> and <code>.py</code> (SOAR exports both), or a SOAR export archive (<code>.tgz</code>, <code>.tar</code>). The <code>.py</code> is what runs; the graph is shown read-only.
          </Dialog.Description>
          <form onSubmit={submit} className="mt-3 space-y-3">
            <fieldset className="flex gap-4 text-sm">
              <legend className="sr-only">What to import</legend>
              {([["playbook", "Playbooks"], ["custom_function", "Custom functions"]] as const).map(([v, l]) => (
                <label key={v} className="flex items-center gap-1.5"><input type="radio" name="kind" value={v} checked={kind === v} onChange={() => setKind(v)} />{l}</label>
              ))}
            </fieldset>
            <Field label="Files" htmlFor="soar-files" hint="Several playbooks at once: choose all their files, or one archive holding them.">
              <Input id="soar-files" name="files" type="file" multiple required accept=".json,.py,.tgz,.tar,.gz,application/json,application/gzip,application/x-tar" />
            </Field>
            <div className="flex items-end gap-4">
              <Field label="Repository" htmlFor="soar-repo"><Input id="soar-repo" name="repo" defaultValue="local" className="!w-48 font-mono" /></Field>
              {kind === "playbook" && <label className="flex items-center gap-1.5 pb-2 text-sm"><input type="checkbox" name="force" />Replace playbooks of the same name (new version)</label>}
            </div>
            {error && <FieldError>{error}</FieldError>}
            <div className="flex justify-end gap-2">
              <Dialog.Close asChild><Button type="button" variant="secondary">{outcomes ? "Close" : "Cancel"}</Button></Dialog.Close>
              <Button type="submit" disabled={pending}>{pending ? "Importing…" : "Import"}</Button>
            </div>
          </form>
          {outcomes && (
            <section aria-label="Import results" className="mt-4 space-y-2">
              <h3 className="text-sm font-semibold">{outcomes.filter((o) => o.ok).length} of {outcomes.length} imported</h3>
              <ul className="space-y-2">{outcomes.map((o) => <Outcome key={o.name} o={o} kind={kind} />)}</ul>
            </section>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
