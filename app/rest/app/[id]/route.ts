import { getApp } from "@/lib/domain/apps";
import { appToRest } from "@/lib/rest/shapes-apps";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("apps.read", async (ctx) => appToRest(await getApp(ctx.id()), { detail: true }));
