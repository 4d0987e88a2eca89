import { createSchedule, listSchedules } from "@/lib/domain/playbook-schedules";
import { scheduleToRest } from "@/lib/rest/playbooks";
import { withRest } from "@/lib/rest/with-rest";
import { playbookScheduleSchema } from "@/lib/schemas/playbooks";

export const dynamic = "force-dynamic";

/** Schedule triggers; `?playbook=<id>` or `?container=<id>` narrows the list. */
export const GET = withRest("playbooks.read", async (ctx) => {
  const num = (k: string) => (ctx.url.searchParams.has(k) ? Number(ctx.url.searchParams.get(k)) || -1 : undefined);
  const rows = await listSchedules({ playbookId: num("playbook"), containerId: num("container") });
  return { count: rows.length, num_pages: 1, data: rows.map(scheduleToRest) };
});

export const POST = withRest("playbooks.write", async (ctx) => {
  const s = await createSchedule(await ctx.body(playbookScheduleSchema), ctx.actor);
  return { success: true, id: s.id, next_run: s.nextRun.toISOString() };
});
