import { getIndicator } from "@/lib/domain/indicators";
import { indicatorToRest } from "@/lib/rest/shapes";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("indicators.read", async (ctx) => indicatorToRest(await getIndicator(ctx.id())));
