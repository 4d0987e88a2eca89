"use client";
// Install or upgrade an app from its tarball (manifest.json + index.js). The server validates
// it and answers with what was installed, or the field at fault, shown here as it was said.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { installAppAction } from "@/app/(console)/apps/actions";
import { Button } from "@/components/ui/button";

export function AppUpload() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    const form = new FormData(e.currentTarget);
    const target = e.currentTarget;
    start(async () => {
      const result = await installAppAction(form);
      if (!result.ok) return setError(result.error);
      const v = result.value!;
      toast.success(v.upgraded ? `${v.name} upgraded from ${v.previousVersion} to ${v.version}` : `${v.name} ${v.version} installed`);
      target.reset();
      router.refresh();
    });
  }
  return (
    <form onSubmit={submit} aria-label="Install an app" className="mb-5 flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <label htmlFor="app-tarball" className="text-sm font-medium">Install or upgrade an app</label>
      <input id="app-tarball" name="tarball" type="file" accept=".tgz,.tar.gz,.tar,application/gzip,application/x-tar" required className="text-sm" />
      <Button type="submit" disabled={pending}>{pending ? "Installing…" : "Install"}</Button>
      <p className="w-full text-xs text-slate-500 dark:text-slate-400">A .tgz holding manifest.json (SOAR app metadata) and index.js (the app&apos;s bundle); the same appid installs a new version.</p>
      {error && <p role="alert" className="w-full rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">{error}</p>}
    </form>
  );
}
