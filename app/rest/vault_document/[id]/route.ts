import { getAttachment } from "@/lib/domain/vault";
import { attachmentToRest } from "@/lib/rest/shapes";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("containers.read", async (ctx) => attachmentToRest(await getAttachment(ctx.id())));
