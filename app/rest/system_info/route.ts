import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("containers.read", async (ctx) => ({
  base_url: process.env.VIGIL_BASE_URL || ctx.url.origin,
  time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
}));

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
