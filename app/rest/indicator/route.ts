import { listIndicators } from "@/lib/domain/indicators";
import { indicatorToRest, listToRest, specialContains } from "@/lib/rest/shapes";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("indicators.read", async (ctx) => {
  const opts = { specialContains: specialContains(ctx.url) };
  return listToRest(await listIndicators(ctx.list()), (i) => indicatorToRest(i, opts));
});

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
