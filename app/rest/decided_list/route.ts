import { createCustomList, listCustomLists } from "@/lib/domain/custom-lists";
import { customListToRest } from "@/lib/rest/custom-lists";
import { listToRest } from "@/lib/rest/shapes";
import { withRest } from "@/lib/rest/with-rest";
import { createListSchema } from "@/lib/schemas/custom-lists";

export const dynamic = "force-dynamic";

export const GET = withRest("lists.read", async (ctx) => listToRest(await listCustomLists(ctx.list()), customListToRest));

export const POST = withRest("lists.write", async (ctx) => {
  const input = await ctx.body(createListSchema);
  const list = await createCustomList(input.name, input.content, ctx.actor);
  return { success: true, id: list.id };
});
