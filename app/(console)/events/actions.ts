"use server";
// Everything an analyst changes on the events queue, an investigation page or a case. Each
// action: check containers.write (observers get 403), parse with the shared schema, call one
// domain function, revalidate the pages that show the change.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actorOf, parseInput, runAction, type ActionResult } from "@/lib/action-result";
import { requireAction } from "@/lib/auth/guard";
import { bulkUpdate } from "@/lib/domain/bulk";
import { addToCase, promoteToCase, setEvidence } from "@/lib/domain/cases";
import { updateContainer } from "@/lib/domain/containers";
import { addComment, addNote } from "@/lib/domain/notes";
import { deletePin } from "@/lib/domain/pins";
import { deleteSavedFilter, saveFilter } from "@/lib/domain/saved-filters";
import { id } from "@/lib/schemas/common";
import { containerUpdateSchema } from "@/lib/schemas/containers";
import { addToCaseSchema, bulkSchema, evidenceSchema, promoteSchema, savedFilterIdSchema, savedFilterSchema } from "@/lib/schemas/events";
import { newCommentSchema, newNoteSchema } from "@/lib/schemas/notes";

const refresh = () => {
  revalidatePath("/events", "layout");
  revalidatePath("/cases", "layout");
};

/** The header of the investigation page edits only these fields. */
const headerUpdateSchema = z.object({
  id,
  patch: containerUpdateSchema.pick({ status: true, severity: true, sensitivity: true, owner_id: true, due_time: true, name: true }),
});

export async function updateContainerAction(input: unknown): Promise<ActionResult> {
  const user = await requireAction("containers.write");
  const p = parseInput(headerUpdateSchema, input);
  if (!p.ok) return p;
  return runAction(async () => void (await updateContainer(p.data.id, p.data.patch, actorOf(user))), refresh);
}

export async function bulkAction(input: unknown): Promise<ActionResult<{ updated: number }>> {
  const user = await requireAction("containers.write");
  const p = parseInput(bulkSchema, input);
  if (!p.ok) return p;
  return runAction(() => bulkUpdate(p.data.ids, p.data.action, actorOf(user)), refresh);
}

export async function addNoteAction(input: unknown): Promise<ActionResult> {
  const user = await requireAction("containers.write");
  const p = parseInput(newNoteSchema, input);
  if (!p.ok) return p;
  const { container_id, title, content, note_type } = p.data;
  return runAction(async () => void (await addNote({ containerId: container_id, title, content, noteType: note_type }, actorOf(user))), refresh);
}

export async function addCommentAction(input: unknown): Promise<ActionResult> {
  const user = await requireAction("containers.write");
  const p = parseInput(newCommentSchema.extend({ container_id: id }), input);
  if (!p.ok) return p;
  return runAction(async () => void (await addComment(p.data.container_id, p.data.comment, actorOf(user))), refresh);
}

export async function promoteAction(input: unknown): Promise<ActionResult> {
  const user = await requireAction("containers.write");
  const p = parseInput(promoteSchema, input);
  if (!p.ok) return p;
  return runAction(() => promoteToCase(p.data.id, actorOf(user)), refresh);
}

export async function addToCaseAction(input: unknown): Promise<ActionResult<{ updated: number }>> {
  const user = await requireAction("containers.write");
  const p = parseInput(addToCaseSchema, input);
  if (!p.ok) return p;
  return runAction(() => addToCase(p.data.case_id, p.data.ids, actorOf(user)), refresh);
}

export async function setEvidenceAction(input: unknown): Promise<ActionResult> {
  const user = await requireAction("containers.write");
  const p = parseInput(evidenceSchema, input);
  if (!p.ok) return p;
  const { case_id, object_type, object_id, evidence } = p.data;
  return runAction(() => setEvidence({ caseId: case_id, objectType: object_type, objectId: object_id, evidence }, actorOf(user)), refresh);
}

export async function saveFilterAction(input: unknown): Promise<ActionResult> {
  const user = await requireAction("containers.read");
  const p = parseInput(savedFilterSchema, input);
  if (!p.ok) return p;
  return runAction(async () => void (await saveFilter(user.id, p.data.name, p.data.query)), () => revalidatePath("/events"));
}

export async function deleteFilterAction(input: unknown): Promise<ActionResult> {
  const user = await requireAction("containers.read");
  const p = parseInput(savedFilterIdSchema, input);
  if (!p.ok) return p;
  return runAction(() => deleteSavedFilter(user.id, p.data.id), () => revalidatePath("/events"));
}

/** Unpins a HUD pin from the investigation page (the pin must belong to that container). */
export async function unpinAction(input: unknown): Promise<ActionResult> {
  const user = await requireAction("containers.write");
  const p = parseInput(z.object({ container_id: id, pin_id: id }), input);
  if (!p.ok) return p;
  return runAction(() => deletePin(p.data.pin_id, actorOf(user), p.data.container_id), refresh);
}
