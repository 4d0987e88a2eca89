"use client";
// Imports a container archive (an Export of this or another Vigil) from the events page and
// opens the new event; a duplicate links to the event that is here already.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";

export function ImportArchive() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; existing?: number } | null>(null);
  const submit = async (form: HTMLFormElement) => {
    const file = (form.elements.namedItem("archive") as HTMLInputElement).files?.[0];
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const res = await fetch("/api/containers/import", { method: "POST", headers: { "content-type": "application/x-tar" }, body: file });
      const body = (await res.json().catch(() => ({}))) as { id?: number; message?: string; existing_container_id?: number };
      if (res.ok && body.id) router.push(`/events/${body.id}`);
      else setError({ message: body.message ?? `import failed (${res.status})`, existing: body.existing_container_id });
    } catch (e) {
      setError({ message: e instanceof Error ? e.message : "import failed" });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="flex flex-wrap items-center gap-2" onSubmit={(e) => { e.preventDefault(); void submit(e.currentTarget); }}>
      <input type="file" name="archive" accept=".tar,application/x-tar" aria-label="Event archive to import" required
        className="text-sm file:mr-2 file:rounded file:border-0 file:bg-slate-200 file:px-2 file:py-1 dark:file:bg-slate-700" />
      <Button type="submit" variant="secondary" disabled={busy}>{busy ? "Importing…" : "Import"}</Button>
      {error && (
        <p role="alert" className="basis-full text-sm text-red-700 dark:text-red-400">
          Not imported: {error.message}{error.existing && <> · <Link className="link" href={`/events/${error.existing}`}>open #{error.existing}</Link></>}
        </p>
      )}
    </form>
  );
}
