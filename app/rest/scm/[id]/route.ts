import { getScm } from "@/lib/domain/scm";
import { scmToRest } from "@/lib/rest/playbooks";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("playbooks.read", async (ctx) => scmToRest(await getScm(ctx.id())));
