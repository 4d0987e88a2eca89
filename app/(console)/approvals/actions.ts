"use server";
// The approvals inbox: answer an approval (approve or deny with a comment) or a playbook's prompt.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actorOf, parseInput, runAction, type ActionResult } from "@/lib/action-result";
import { requireAction } from "@/lib/auth/guard";
import { respondApproval } from "@/lib/domain/approvals";
import { answerPrompt } from "@/lib/domain/playbooks";
import { id } from "@/lib/schemas/common";

const respondSchema = z.object({ id, decision: z.enum(["approve", "deny"]), message: z.string().max(4000).default("") });
const promptSchema = z.object({ id, responses: z.array(z.string().max(10_000)).max(50) });

export async function respondApprovalAction(input: unknown): Promise<ActionResult> {
  const user = await requireAction("approvals.respond");
  const p = parseInput(respondSchema, input);
  if (!p.ok) return p;
  return runAction(async () => void (await respondApproval(p.data.id, p.data.decision, p.data.message, actorOf(user))), () => revalidatePath("/approvals"));
}

/** Prompts go to whoever the playbook names (any role); answerPrompt checks it is them. */
export async function answerPromptAction(input: unknown): Promise<ActionResult> {
  const user = await requireAction("approvals.read");
  const p = parseInput(promptSchema, input);
  if (!p.ok) return p;
  return runAction(() => answerPrompt(p.data.id, p.data.responses, actorOf(user)), () => revalidatePath("/approvals"));
}
