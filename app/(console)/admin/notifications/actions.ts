"use server";
// Administrators' notification settings: the SMTP asset email notifications go out through, and
// the share of an SLA used at which its owner is told it is at risk.
import { revalidatePath } from "next/cache";
import { actorOf, parseInput, runAction, type ActionResult } from "@/lib/action-result";
import { requireAction } from "@/lib/auth/guard";
import { saveNotificationSettings } from "@/lib/domain/notification-email";
import { notificationSettingsSchema } from "@/lib/schemas/notifications";

export async function saveNotificationSettingsAction(input: unknown): Promise<ActionResult> {
  const user = await requireAction("admin.settings");
  const p = parseInput(notificationSettingsSchema, input);
  if (!p.ok) return p;
  return runAction(() => saveNotificationSettings(p.data, actorOf(user)), () => revalidatePath("/admin/notifications"));
}
