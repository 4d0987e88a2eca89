import { getIndicator } from "@/lib/domain/indicators";
import { indicatorToRest } from "@/lib/rest/shapes";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("indicators.read", async (ctx) => indicatorToRest(await getIndicator(ctx.id())));

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
