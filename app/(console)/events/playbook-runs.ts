"use server";
// Running a playbook by hand from the investigation page, and cancelling a run: the same domain
// functions, schemas and permission as POST /rest/playbook_run.
import { actorOf, parseInput, runAction, type ActionResult } from "@/lib/action-result";
import { requireAction } from "@/lib/auth/guard";
import { cancelPlaybookRun, startPlaybookRun } from "@/lib/domain/playbooks";
import { playbookRunRefSchema, playbookRunSchema } from "@/lib/schemas/playbooks";

export async function runPlaybookAction(input: unknown): Promise<ActionResult<{ id: number }>> {
  const user = await requireAction("playbooks.run");
  const p = parseInput(playbookRunSchema, input);
  if (!p.ok) return p;
  const { playbook_id, container_id, scope, inputs } = p.data;
  return runAction(async () => ({ id: (await startPlaybookRun({ playbook: playbook_id, containerId: container_id, scope, inputs }, actorOf(user))).id }));
}

export async function cancelPlaybookRunAction(input: unknown): Promise<ActionResult> {
  const user = await requireAction("playbooks.run");
  const p = parseInput(playbookRunRefSchema, input);
  if (!p.ok) return p;
  return runAction(async () => void (await cancelPlaybookRun(p.data.id, actorOf(user))));
}
