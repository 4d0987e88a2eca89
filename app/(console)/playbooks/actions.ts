"use server";
// The playbook editor's server actions: check the permission, parse with the shared schema, call
// one domain function, refresh the pages that show it.
import { revalidatePath } from "next/cache";
import { actorOf, parseInput, runAction, type ActionResult } from "@/lib/action-result";
import { requireAction } from "@/lib/auth/guard";
import { createPlaybook, setPlaybookActive, startPlaybookRun, updatePlaybook } from "@/lib/domain/playbooks";
import { formatPreview } from "@/lib/domain/playbook-editor";
import { deletePlaybook, duplicatePlaybook, importPlaybook } from "@/lib/domain/playbook-library";
import { playbookVersionGraph, revertPlaybook } from "@/lib/domain/playbook-versions";
import { importSoarUpload, type UploadOutcome } from "@/lib/domain/soar-upload";
import {
  editorActiveSchema, editorDebugSchema, editorFormatPreviewSchema, editorPlaybookRefSchema, editorRevertSchema, editorSaveSchema, editorVersionSchema, soarUploadSchema, SOAR_UPLOAD_MAX,
} from "@/lib/schemas/playbook-editor";
import type { Formatted } from "@/lib/engine/format";
import type { Graph } from "@/lib/schemas/playbooks";

const refresh = () => revalidatePath("/playbooks", "layout");

export async function savePlaybookAction(input: unknown): Promise<ActionResult<{ id: number; version: number }>> {
  const user = await requireAction("playbooks.write");
  const p = parseInput(editorSaveSchema, input);
  if (!p.ok) return p;
  const { id, baseVersion, playbook } = p.data;
  return runAction(async () => {
    const saved = id === undefined ? await createPlaybook(playbook, actorOf(user)) : await updatePlaybook(id, playbook, actorOf(user), { baseVersion });
    return { id: saved.id, version: saved.version };
  }, refresh);
}

export async function setPlaybookActiveAction(input: unknown): Promise<ActionResult> {
  const user = await requireAction("playbooks.write");
  const p = parseInput(editorActiveSchema, input);
  if (!p.ok) return p;
  return runAction(async () => void (await setPlaybookActive(p.data.id, p.data.active, actorOf(user))), refresh);
}

export async function versionGraphAction(input: unknown): Promise<ActionResult<Graph | null>> {
  await requireAction("playbooks.read");
  const p = parseInput(editorVersionSchema, input);
  if (!p.ok) return p;
  return runAction(() => playbookVersionGraph(p.data.id, p.data.version));
}

export async function revertPlaybookAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  const user = await requireAction("playbooks.write");
  const p = parseInput(editorRevertSchema, input);
  if (!p.ok) return p;
  return runAction(async () => ({ version: (await revertPlaybook(p.data.id, p.data.version, p.data.baseVersion, actorOf(user))).version }), refresh);
}

/** A debug run from the editor: marked as such in the audit trail; refused while the graph has errors. */
export async function debugRunAction(input: unknown): Promise<ActionResult<{ runId: number }>> {
  const user = await requireAction("playbooks.run");
  const p = parseInput(editorDebugSchema, input);
  if (!p.ok) return p;
  return runAction(async () => ({ runId: (await startPlaybookRun({ playbook: p.data.id, containerId: p.data.containerId, debug: true }, actorOf(user))).id }));
}

/** A format block's output on a container, by the engine's own format code. */
export async function formatPreviewAction(input: unknown): Promise<ActionResult<Formatted>> {
  await requireAction("playbooks.read");
  const p = parseInput(editorFormatPreviewSchema, input);
  if (!p.ok) return p;
  const { containerId, ...block } = p.data;
  return runAction(() => formatPreview(containerId, block));
}

export async function duplicatePlaybookAction(input: unknown): Promise<ActionResult<{ id: number; name: string }>> {
  const user = await requireAction("playbooks.write");
  const p = parseInput(editorPlaybookRefSchema, input);
  if (!p.ok) return p;
  return runAction(async () => { const c = await duplicatePlaybook(p.data.id, actorOf(user)); return { id: c.id, name: c.name }; }, refresh);
}

export async function deletePlaybookAction(input: unknown): Promise<ActionResult> {
  const user = await requireAction("playbooks.write");
  const p = parseInput(editorPlaybookRefSchema, input);
  if (!p.ok) return p;
  return runAction(() => deletePlaybook(p.data.id, actorOf(user)), refresh);
}

/** An export file's parsed JSON; what is wrong with a bad one comes back as the message. */
export async function importPlaybookAction(content: unknown): Promise<ActionResult<{ id: number; name: string }>> {
  const user = await requireAction("playbooks.write");
  return runAction(async () => { const c = await importPlaybook(content, actorOf(user)); return { id: c.id, name: `${c.repo}/${c.name}` }; }, refresh);
}

/**
 * Splunk SOAR files (`<name>.json` + `<name>.py` pairs, or export archives) through the same
 * domain code as REST: each pair's outcome with its import report, refused pairs with why.
 */
export async function importSoarAction(form: FormData): Promise<ActionResult<UploadOutcome[]>> {
  const user = await requireAction("playbooks.write");
  const p = parseInput(soarUploadSchema, { kind: form.get("kind") ?? undefined, repo: form.get("repo") || undefined, force: form.get("force") ?? undefined });
  if (!p.ok) return p;
  const files = form.getAll("files").filter((f): f is File => typeof f === "object" && f !== null && "arrayBuffer" in f && f.size > 0);
  const size = files.reduce((n, f) => n + f.size, 0);
  if (size > SOAR_UPLOAD_MAX) return { ok: false, error: `the files hold ${size} bytes, more than the ${SOAR_UPLOAD_MAX} one upload may have; import fewer at a time, or use vigil playbook import` };
  return runAction(async () => importSoarUpload(await Promise.all(files.map(async (f) => ({ name: f.name, bytes: Buffer.from(await f.arrayBuffer()) }))), p.data, actorOf(user)), refresh);
}
