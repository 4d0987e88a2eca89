"use server";
// Custom lists in the console. Each action: check the permission on the server, parse with the
// shared schema, call one domain function, refresh the pages that show the list.
import { revalidatePath } from "next/cache";
import { actorOf, parseInput, runAction, type ActionResult } from "@/lib/action-result";
import { requireAction } from "@/lib/auth/guard";
import { appendListRows, createCustomList, deleteCustomList, removeListRow } from "@/lib/domain/custom-lists";
import { appendRowSchema, createListSchema, listIdSchema, removeRowSchema } from "@/lib/schemas/custom-lists";

const refresh = (id?: number) => () => {
  revalidatePath("/lists");
  if (id) revalidatePath(`/lists/${id}`);
};

export async function createListAction(input: unknown): Promise<ActionResult<{ id: number }>> {
  const user = await requireAction("lists.write");
  const p = parseInput(createListSchema, input);
  if (!p.ok) return p;
  return runAction(async () => ({ id: (await createCustomList(p.data.name, p.data.content, actorOf(user))).id }), refresh());
}

export async function deleteListAction(input: unknown): Promise<ActionResult> {
  const user = await requireAction("lists.write");
  const p = parseInput(listIdSchema, input);
  if (!p.ok) return p;
  return runAction(() => deleteCustomList(p.data.id, actorOf(user)), refresh());
}

export async function appendRowAction(input: unknown): Promise<ActionResult> {
  const user = await requireAction("lists.write");
  const p = parseInput(appendRowSchema, input);
  if (!p.ok) return p;
  return runAction(async () => void (await appendListRows(p.data.id, [p.data.row], actorOf(user))), refresh(p.data.id));
}

export async function removeRowAction(input: unknown): Promise<ActionResult> {
  const user = await requireAction("lists.write");
  const p = parseInput(removeRowSchema, input);
  if (!p.ok) return p;
  return runAction(async () => void (await removeListRow(p.data.id, p.data.index, p.data.row, actorOf(user))), refresh(p.data.id));
}
