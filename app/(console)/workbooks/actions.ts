"use server";
// Workbook templates in the console (administrators and managers): create, save whole, delete.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actorOf, parseInput, runAction, type ActionResult } from "@/lib/action-result";
import { requireAction } from "@/lib/auth/guard";
import { createTemplate, deleteTemplate, saveTemplate } from "@/lib/domain/workbooks/templates";
import { id } from "@/lib/schemas/common";
import { workbookTemplateSchema } from "@/lib/schemas/workbooks";

const saveSchema = z.object({ id: id.optional(), template: workbookTemplateSchema });

export async function saveTemplateAction(input: unknown): Promise<ActionResult<number>> {
  const user = await requireAction("workbooks.write");
  const p = parseInput(saveSchema, input);
  if (!p.ok) return p;
  return runAction(async () => (p.data.id ? await saveTemplate(p.data.id, p.data.template, actorOf(user)) : await createTemplate(p.data.template, actorOf(user))).id,
    () => revalidatePath("/workbooks"));
}

export async function deleteTemplateAction(input: unknown): Promise<ActionResult> {
  const user = await requireAction("workbooks.write");
  const p = parseInput(z.object({ id }), input);
  if (!p.ok) return p;
  return runAction(() => deleteTemplate(p.data.id, actorOf(user)), () => revalidatePath("/workbooks"));
}
