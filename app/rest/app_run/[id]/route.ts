import { getAppRun } from "@/lib/domain/action-runs";
import { appRunToRest } from "@/lib/rest/shapes-apps";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("apps.read", async (ctx) => appRunToRest(await getAppRun(ctx.id()), { detail: true }));
