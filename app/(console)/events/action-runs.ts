"use server";
// Running an action by hand from the investigation page, and cancelling it: the same domain
// functions and permission as POST /rest/action_run.
import { actorOf, parseInput, runAction, type ActionResult } from "@/lib/action-result";
import { requireAction } from "@/lib/auth/guard";
import { cancelActionRun, createActionRun } from "@/lib/domain/action-runs";
import { actionRunRefSchema, newActionRunSchema } from "@/lib/schemas/assets";

export async function runActionAction(input: unknown): Promise<ActionResult<{ id: number }>> {
  const user = await requireAction("actions.run");
  const p = parseInput(newActionRunSchema, input);
  if (!p.ok) return p;
  return runAction(async () => ({ id: (await createActionRun(p.data, actorOf(user))).id }));
}

export async function cancelActionRunAction(input: unknown): Promise<ActionResult> {
  const user = await requireAction("actions.run");
  const p = parseInput(actionRunRefSchema, input);
  if (!p.ok) return p;
  return runAction(async () => void (await cancelActionRun(p.data.id, actorOf(user))));
}
