import { playbookRunLog } from "@/lib/domain/playbooks";
import { runLogToRest } from "@/lib/rest/playbooks";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("playbooks.read", async (ctx) => {
  const rows = await playbookRunLog(ctx.id());
  return { count: rows.length, num_pages: 1, data: rows.map(runLogToRest) };
});
