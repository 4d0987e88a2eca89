import { getCustomFunction } from "@/lib/domain/custom-functions";
import { customFunctionToRest } from "@/lib/rest/playbooks";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("playbooks.read", async (ctx) => {
  const cf = await getCustomFunction(ctx.id());
  return { ...customFunctionToRest(cf), python: cf.code };
});
