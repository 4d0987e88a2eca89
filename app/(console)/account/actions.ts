"use server";
// The signed-in user's own account: any role that can open the console may change these.
import { revalidatePath } from "next/cache";
import { actorOf, parseInput, runAction, type ActionResult } from "@/lib/action-result";
import { requireAction } from "@/lib/auth/guard";
import { changeOwnPassword, setTimeZone } from "@/lib/domain/account";
import { setEmailPreferences } from "@/lib/domain/notification-email";
import { emailPreferencesSchema } from "@/lib/schemas/notifications";
import { passwordChangeSchema, timeZoneSchema } from "@/lib/schemas/users";

export async function changePasswordAction(input: unknown): Promise<ActionResult<{ sessionsEnded: number }>> {
  const user = await requireAction("console.view");
  const p = parseInput(passwordChangeSchema, input);
  if (!p.ok) return p;
  return runAction(() => changeOwnPassword(user.id, p.data, user.sessionId, actorOf(user)));
}

export async function setTimeZoneAction(input: unknown): Promise<ActionResult> {
  const user = await requireAction("console.view");
  const p = parseInput(timeZoneSchema, input);
  if (!p.ok) return p;
  // Every page formats times with the zone, so the whole console renders again.
  return runAction(() => setTimeZone(user.id, p.data.timeZone, actorOf(user)), () => revalidatePath("/", "layout"));
}

export async function setEmailPreferencesAction(input: unknown): Promise<ActionResult> {
  const user = await requireAction("console.view");
  const p = parseInput(emailPreferencesSchema, input);
  if (!p.ok) return p;
  return runAction(() => setEmailPreferences(user.id, p.data, actorOf(user)), () => revalidatePath("/account"));
}
