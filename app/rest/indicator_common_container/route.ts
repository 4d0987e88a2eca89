// SOAR's GET /rest/indicator_common_container?indicator_ids=1,2: the containers those indicators
// were seen in (indicator_get_by_tag and find_related_containers read `container_id`).
import { indicatorCommonContainers } from "@/lib/domain/indicators";
import { indicatorIdsSchema } from "@/lib/schemas/indicators";
import { validate } from "@/lib/rest/body";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("indicators.read", async (ctx) => indicatorCommonContainers(validate(indicatorIdsSchema, ctx.url.searchParams.get("indicator_ids") ?? undefined)));

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
