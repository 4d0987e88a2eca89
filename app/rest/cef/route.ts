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
