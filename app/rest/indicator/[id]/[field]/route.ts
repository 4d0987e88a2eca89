import { getIndicator } from "@/lib/domain/indicators";
import { fieldRoute } from "@/lib/rest/one-field";
import { indicatorToRest } from "@/lib/rest/shapes";

export const dynamic = "force-dynamic";

export const GET = fieldRoute("indicators.read", "indicator", async (id) => indicatorToRest(await getIndicator(id)));

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
