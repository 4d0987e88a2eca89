import { deleteSchedule, getSchedule, setScheduleActive } from "@/lib/domain/playbook-schedules";
import { scheduleToRest } from "@/lib/rest/playbooks";
import { withRest } from "@/lib/rest/with-rest";
import { playbookUpdateSchema } from "@/lib/schemas/playbooks";

export const dynamic = "force-dynamic";

export const GET = withRest("playbooks.read", async (ctx) => scheduleToRest(await getSchedule(ctx.id())));

/** `{active: bool}` pauses or resumes the schedule. */
export const POST = withRest("playbooks.write", async (ctx) => {
  const s = await setScheduleActive(ctx.id(), (await ctx.body(playbookUpdateSchema)).active, ctx.actor);
  return { success: true, id: s.id, active: s.active, next_run: s.nextRun.toISOString() };
});

export const DELETE = withRest("playbooks.write", async (ctx) => {
  await deleteSchedule(ctx.id(), ctx.actor);
  return { success: true };
});
