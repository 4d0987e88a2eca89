// One task; POST changes its status ({status: 0|1|2}, with {note, title} to complete a task that
// requires a note), owner ({owner_id} or {role_id}) or text, as SOAR's workbook_task_update sends.
import { getTask, updateTask } from "@/lib/domain/workbooks/container-workbooks";
import { taskUpdateSchema } from "@/lib/schemas/workbooks";
import { taskToRest } from "@/lib/rest/shapes-workbooks";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("containers.read", async (ctx) => taskToRest(await getTask(ctx.id())));

export const POST = withRest("containers.write", async (ctx) => {
  const id = ctx.id();
  await updateTask(id, await ctx.body(taskUpdateSchema), ctx.actor);
  return { success: true, id };
});

export { methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
