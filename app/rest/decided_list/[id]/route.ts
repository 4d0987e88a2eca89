import { deleteCustomList, getCustomList, updateCustomList } from "@/lib/domain/custom-lists";
import { customListToRest, listRef } from "@/lib/rest/custom-lists";
import { withRest } from "@/lib/rest/with-rest";
import { updateListSchema } from "@/lib/schemas/custom-lists";

export const dynamic = "force-dynamic";

export const GET = withRest("lists.read", async (ctx) => customListToRest(await getCustomList(listRef(ctx))));

/** A full replacement (content, name) and/or SOAR's row edits: append_rows, delete_rows, update_rows. */
export const POST = withRest("lists.write", async (ctx) => {
  const list = await updateCustomList(listRef(ctx), await ctx.body(updateListSchema), ctx.actor);
  return { success: true, id: list.id };
});

export const DELETE = withRest("lists.write", async (ctx) => {
  await deleteCustomList(listRef(ctx), ctx.actor);
  return { success: true };
});
