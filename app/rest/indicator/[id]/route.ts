import { getIndicator, setIndicatorTags } from "@/lib/domain/indicators";
import { indicatorUpdateSchema } from "@/lib/schemas/indicators";
import { indicatorToRest, specialContains } from "@/lib/rest/shapes";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("indicators.read", async (ctx) => indicatorToRest(await getIndicator(ctx.id()), { specialContains: specialContains(ctx.url) }));

// SOAR's indicator update: {"tags": [...]} replaces the tags (indicator_tag, indicator_remove_tag).
export const POST = withRest("containers.write", async (ctx) => {
  const id = ctx.id();
  await setIndicatorTags(id, (await ctx.body(indicatorUpdateSchema)).tags, ctx.actor);
  return { success: true, id };
});

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
