"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actorOf, parseInput, runAction, type ActionResult } from "@/lib/action-result";
import { requireAction } from "@/lib/auth/guard";
import { deleteCalendar, parseDayHours, saveCalendar, WEEKDAYS } from "@/lib/domain/sla-calendars";
import { saveSlaSettings } from "@/lib/domain/sla-settings";
import { id } from "@/lib/schemas/common";

const schema = z.object({
  severities: z.array(z.object({
    name: z.string().max(128),
    slaMinutes: z.number().int().min(1, "SLA minutes: at least 1").max(525_600).nullable(),
    calendarId: id.nullable().optional(),
    atRiskPercent: z.number().int("At risk at: a whole percentage").min(1, "At risk at: from 1%").max(99, "At risk at: at most 99%").nullable().optional(),
  })).max(100),
  clockStopped: z.array(z.string().max(128)).max(100),
});

export async function saveSlaSettingsAction(input: unknown): Promise<ActionResult> {
  const user = await requireAction("admin.settings");
  const p = parseInput(schema, input);
  if (!p.ok) return p;
  return runAction(() => saveSlaSettings(p.data, actorOf(user)), () => revalidatePath("/admin/sla"));
}

const calendarSchema = z.object({
  id: id.nullable(),
  name: z.string().max(128),
  timeZone: z.string().max(64),
  days: z.array(z.string().max(200)).length(7, "hours: seven days"),
  holidays: z.array(z.string().max(20)).max(1000, "holidays: at most 1000 dates"),
});

export async function saveCalendarAction(input: unknown): Promise<ActionResult> {
  const user = await requireAction("admin.settings");
  const p = parseInput(calendarSchema, input);
  if (!p.ok) return p;
  const { id: calendarId, days, ...rest } = p.data;
  return runAction(async () => {
    const hours = days.map((d, i) => parseDayHours(d, WEEKDAYS[i]!));
    await saveCalendar({ ...rest, hours }, actorOf(user), calendarId ?? undefined);
  }, () => revalidatePath("/admin/sla"));
}

export async function deleteCalendarAction(input: unknown): Promise<ActionResult> {
  const user = await requireAction("admin.settings");
  const p = parseInput(z.object({ id }), input);
  if (!p.ok) return p;
  return runAction(() => deleteCalendar(p.data.id, actorOf(user)), () => revalidatePath("/admin/sla"));
}
