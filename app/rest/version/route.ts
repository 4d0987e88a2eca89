import { withRest } from "@/lib/rest/with-rest";
import { VERSION } from "@/lib/version";

export const dynamic = "force-dynamic";

export const GET = withRest("containers.read", async () => ({ version: VERSION }));
