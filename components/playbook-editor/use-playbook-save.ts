"use client";
// Saving, activating and reverting from the editor. A save names the version it started from;
// when someone else saved since, the server refuses it and the conflict stays on screen with the
// canvas untouched (nothing is lost: copy your blocks, reload, paste).
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { revertPlaybookAction, savePlaybookAction, setPlaybookActiveAction } from "@/app/(console)/playbooks/actions";
import type { Graph } from "@/lib/schemas/playbooks";
import type { Meta } from "./panels/settings-panel";

export function usePlaybookSave(initial: { id: number | null; version: number | null; active: boolean }, extra: { inputSpec: unknown; outputSpec: unknown; tags: string[] }) {
  const router = useRouter();
  const [id, setId] = useState(initial.id);
  const [version, setVersion] = useState(initial.version);
  const [active, setActive] = useState(initial.active);
  const [conflict, setConflict] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const save = (meta: Meta, graph: Graph, message: string, hasErrors: boolean, onSaved: () => void) => start(async () => {
    const keepActive = active && !hasErrors;
    const playbook = {
      name: meta.name, repo: meta.repo, description: meta.description, category: meta.category, type: meta.type, tags: extra.tags,
      labels: meta.labels.split(",").map((l) => l.trim()).filter(Boolean), active: keepActive, graph, message,
      input_spec: extra.inputSpec, output_spec: extra.outputSpec,
    };
    const r = await savePlaybookAction({ ...(id !== null ? { id, baseVersion: version } : {}), playbook });
    if (!r.ok) {
      if (/saved by .* after you opened/.test(r.error)) setConflict(r.error);
      toast.error(r.error);
      return;
    }
    setConflict(null);
    setVersion(r.value!.version);
    setActive(keepActive);
    onSaved();
    toast.success(`Saved version ${r.value!.version}${active && !keepActive ? " as a draft: deactivated until its errors are fixed" : ""}`);
    if (id === null) {
      setId(r.value!.id);
      router.replace(`/playbooks/${r.value!.id}`);
    } else router.refresh();
  });

  const setActivation = (on: boolean) => start(async () => {
    if (id === null) return;
    const r = await setPlaybookActiveAction({ id, active: on });
    if (!r.ok) return void toast.error(r.error);
    setActive(on);
    toast.success(on ? "Activated: it runs on new containers with its labels" : "Deactivated");
    router.refresh();
  });

  const revert = (to: number) => start(async () => {
    if (id === null || version === null) return;
    const r = await revertPlaybookAction({ id, version: to, baseVersion: version });
    if (!r.ok) return void toast.error(r.error);
    toast.success(`Reverted to version ${to} as version ${r.value!.version}`);
    window.location.reload();
  });

  return { id, version, active, conflict, pending, save, setActivation, revert };
}
