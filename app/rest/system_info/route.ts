import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("containers.read", async (ctx) => ({
  base_url: process.env.VIGIL_BASE_URL || ctx.url.origin,
  time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
}));
