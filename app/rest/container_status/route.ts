import { addContainerStatus, listContainerStatuses } from "@/lib/domain/taxonomy";
import { newContainerStatusSchema } from "@/lib/schemas/notes";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("containers.read", async () => {
  const rows = await listContainerStatuses();
  return { count: rows.length, num_pages: 1, data: rows.map((s) => ({ id: s.id, name: s.name, status_type: s.statusType, builtin: s.builtin })) };
});

export const POST = withRest("admin.settings", async (ctx) => {
  const input = await ctx.body(newContainerStatusSchema);
  const row = await addContainerStatus({ name: input.name, statusType: input.status_type }, ctx.actor);
  return { success: true, id: row.id };
});

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
