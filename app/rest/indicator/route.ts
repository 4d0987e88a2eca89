import { listIndicators } from "@/lib/domain/indicators";
import { indicatorToRest, listToRest } from "@/lib/rest/shapes";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("indicators.read", async (ctx) => listToRest(await listIndicators(ctx.list()), indicatorToRest));
