"use server";
// The investigation page's workbook panel: move a task, assign it, note it, run its suggested
// action, add a workbook.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actorOf, parseInput, runAction, type ActionResult } from "@/lib/action-result";
import { requireAction } from "@/lib/auth/guard";
import { addWorkbook, updateTask } from "@/lib/domain/workbooks/container-workbooks";
import { runSuggestedAction } from "@/lib/domain/workbooks/task-actions";
import { id } from "@/lib/schemas/common";
import { addWorkbookSchema, taskUpdateSchema } from "@/lib/schemas/workbooks";

const taskActionSchema = z.object({ container_id: id, task_id: id, patch: taskUpdateSchema.pick({ status: true, owner_id: true, note: true, title: true }) });

const refresh = () => revalidatePath("/events", "layout");

export async function updateTaskAction(input: unknown): Promise<ActionResult> {
  const user = await requireAction("containers.write");
  const p = parseInput(taskActionSchema, input);
  if (!p.ok) return p;
  return runAction(async () => void (await updateTask(p.data.task_id, p.data.patch, actorOf(user), p.data.container_id)), refresh);
}

export async function addWorkbookAction(input: unknown): Promise<ActionResult<number>> {
  const user = await requireAction("containers.write");
  const p = parseInput(addWorkbookSchema, input);
  if (!p.ok) return p;
  return runAction(() => addWorkbook(p.data.container_id, p.data.template_id, actorOf(user)), refresh);
}

const suggestedSchema = z.object({ container_id: id, task_id: id, index: z.number().int().min(0).max(49) });

export async function runSuggestedActionAction(input: unknown): Promise<ActionResult<{ actionRunId: number; action: string }>> {
  const user = await requireAction("actions.run");
  const p = parseInput(suggestedSchema, input);
  if (!p.ok) return p;
  return runAction(() => runSuggestedAction(p.data.container_id, p.data.task_id, p.data.index, actorOf(user)), refresh);
}
