"use client";
// Files in the container's vault: download under their own name, SHA-256 shown for checking,
// upload through /api/containers/<id>/attachments.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import { neutralizeBidi, plural } from "@/lib/words";
import { EvidenceToggle } from "./evidence-toggle";
import { Empty, Section } from "./section";

interface AttachmentRow { id: number; name: string; sha256: string; size: number; createdByName: string | null; createdAt: Date | string }

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

export function AttachmentsPanel({ containerId, attachments, caseId, evidence, canWrite, maxBytes }: {
  containerId: number; attachments: AttachmentRow[]; caseId: number | null; evidence: string[]; canWrite: boolean; maxBytes: number;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const upload = async (form: HTMLFormElement) => {
    // Refuse a file over the vault's limit here, before sending megabytes the server will refuse.
    const file = new FormData(form).get("file");
    if (file instanceof File && file.size > maxBytes) {
      setError(`${file.name} is larger than the ${megabytes(maxBytes)} limit (${megabytes(file.size)}); it was not sent.`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/api/containers/${containerId}/attachments`, { method: "POST", body: new FormData(form) });
      if (!res.ok) setError(((await res.json().catch(() => ({}))) as { message?: string }).message ?? `upload failed (${res.status})`);
      else {
        form.reset();
        router.refresh();
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : "upload failed");
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title="Attachments" count={attachments.length}>
      {attachments.length === 0 && <Empty>No files attached.</Empty>}
      <ul className="space-y-2 text-sm">
        {attachments.map((a) => (
          <li key={a.id} data-attachment-id={a.id} className="flex flex-wrap items-baseline justify-between gap-x-3">
            <a href={`/api/attachments/${a.id}`} download className="font-medium link [overflow-wrap:anywhere]"><bdi>{neutralizeBidi(a.name)}</bdi></a>
            <span className="text-xs text-slate-500 dark:text-slate-400">{plural(a.size, "byte")} · {a.createdByName ?? "system"} · <Time value={a.createdAt} /></span>
            <code className="basis-full break-all font-mono text-xs text-slate-600 dark:text-slate-400" aria-label={`SHA-256 of ${a.name}`}>SHA-256 {a.sha256}</code>
            {caseId && <EvidenceToggle caseId={caseId} type="attachment" id={a.id} marked={evidence.includes(`attachment:${a.id}`)} canWrite={canWrite} />}
          </li>
        ))}
      </ul>
      {canWrite && (
        <form className="mt-3 flex flex-wrap items-center gap-2" onSubmit={(e) => { e.preventDefault(); void upload(e.currentTarget); }}>
          <input type="file" name="file" aria-label="File to attach" required className="text-sm file:mr-2 file:rounded file:border-0 file:bg-slate-200 file:px-2 file:py-1 dark:file:bg-slate-700" />
          <Button type="submit" variant="secondary" disabled={busy}>{busy ? "Uploading…" : "Upload"}</Button>
        </form>
      )}
      {error && <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">{error}</p>}
    </Section>
  );
}
