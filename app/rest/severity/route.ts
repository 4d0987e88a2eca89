import { addSeverity, listSeverities } from "@/lib/domain/taxonomy";
import { newSeveritySchema } from "@/lib/schemas/notes";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("containers.read", async () => {
  const rows = await listSeverities();
  return { count: rows.length, num_pages: 1, data: rows.map((s) => ({ id: s.id, name: s.name, color: s.color, builtin: s.builtin })) };
});

export const POST = withRest("admin.settings", async (ctx) => {
  const row = await addSeverity(await ctx.body(newSeveritySchema), ctx.actor);
  return { success: true, id: row.id };
});

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
