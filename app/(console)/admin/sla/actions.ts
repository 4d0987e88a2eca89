"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actorOf, parseInput, runAction, type ActionResult } from "@/lib/action-result";
import { requireAction } from "@/lib/auth/guard";
import { saveSlaSettings } from "@/lib/domain/sla-settings";

const schema = z.object({
  severities: z.array(z.object({ name: z.string().max(128), slaMinutes: z.number().int().min(1, "SLA minutes: at least 1").max(525_600).nullable() })).max(100),
  clockStopped: z.array(z.string().max(128)).max(100),
});

export async function saveSlaSettingsAction(input: unknown): Promise<ActionResult> {
  const user = await requireAction("admin.settings");
  const p = parseInput(schema, input);
  if (!p.ok) return p;
  return runAction(() => saveSlaSettings(p.data, actorOf(user)), () => revalidatePath("/admin/sla"));
}
