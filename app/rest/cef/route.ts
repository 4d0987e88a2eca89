import { addCefField, listCefFields } from "@/lib/domain/taxonomy";
import { newCefFieldSchema } from "@/lib/schemas/notes";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("containers.read", async (ctx) => {
  const { page, pageSize } = ctx.list();
  const rows = await listCefFields();
  const data = pageSize > 0 ? rows.slice(page * pageSize, (page + 1) * pageSize) : rows;
  return {
    count: rows.length,
    num_pages: pageSize > 0 ? Math.ceil(rows.length / pageSize) : 1,
    data: data.map((f) => ({ id: f.id, name: f.name, contains: f.contains, type: f.type, data_type: "string" })),
  };
});

export const POST = withRest("admin.settings", async (ctx) => {
  const row = await addCefField(await ctx.body(newCefFieldSchema), ctx.actor);
  return { success: true, id: row.id };
});

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
