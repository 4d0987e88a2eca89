import { listScm } from "@/lib/domain/scm";
import { scmToRest } from "@/lib/rest/playbooks";
import { listToRest } from "@/lib/rest/shapes";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("playbooks.read", async (ctx) => listToRest(await listScm(ctx.list()), scmToRest));
