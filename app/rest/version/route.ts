import { withRest } from "@/lib/rest/with-rest";
import { VERSION } from "@/lib/version";

export const dynamic = "force-dynamic";

export const GET = withRest("containers.read", async () => ({ version: VERSION }));

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
