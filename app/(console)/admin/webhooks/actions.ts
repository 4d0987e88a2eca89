"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actorOf, parseInput, runAction, type ActionResult } from "@/lib/action-result";
import { requireAction } from "@/lib/auth/guard";
import { createWebhook, deleteWebhook, rotateWebhook } from "@/lib/domain/webhooks/webhooks";
import { DomainError } from "@/lib/domain/errors";
import { validate } from "@/lib/rest/body";
import { newWebhookSchema } from "@/lib/schemas/webhooks";

const formSchema = z.object({
  name: z.string(), description: z.string().optional(), mapping: z.string().max(20_000),
  signature_header: z.string().optional(), secret: z.string().optional(),
});

/** The form sends the mapping as JSON text; REST's schema then checks it as it does for /rest/webhook. */
export async function createWebhookAction(input: unknown): Promise<ActionResult<{ id: number; secret: string | null }>> {
  const user = await requireAction("admin.settings");
  const p = parseInput(formSchema, input);
  if (!p.ok) return p;
  return runAction(async () => {
    let mapping: unknown;
    try {
      mapping = p.data.mapping.trim() ? JSON.parse(p.data.mapping) : undefined;
    } catch (err) {
      throw new DomainError("invalid", `mapping: malformed JSON: ${(err as Error).message}`);
    }
    const body = validate(newWebhookSchema, { ...p.data, mapping, secret: p.data.secret || undefined });
    const { webhook, secret } = await createWebhook(body, actorOf(user));
    return { id: webhook.id, secret };
  }, () => revalidatePath("/admin/webhooks"));
}

const idSchema = z.object({ id: z.number().int().positive(), secret: z.boolean().optional() });

export async function rotateWebhookAction(input: unknown): Promise<ActionResult<{ secret: string | null }>> {
  const user = await requireAction("admin.settings");
  const p = parseInput(idSchema, input);
  if (!p.ok) return p;
  return runAction(async () => ({ secret: (await rotateWebhook(p.data.id, { secret: Boolean(p.data.secret) }, actorOf(user))).secret }),
    () => revalidatePath("/admin/webhooks"));
}

export async function deleteWebhookAction(input: unknown): Promise<ActionResult> {
  const user = await requireAction("admin.settings");
  const p = parseInput(idSchema, input);
  if (!p.ok) return p;
  return runAction(() => deleteWebhook(p.data.id, actorOf(user)), () => revalidatePath("/admin/webhooks"));
}
