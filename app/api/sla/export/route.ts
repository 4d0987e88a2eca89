// The SLA dashboard's CSV export: the figures the page shows for its period (`?days=7|30|90`),
// for a signed-in user who may read the manager's view.
import { currentUser } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { slaCsv } from "@/lib/domain/sla-export";
import { periodOf } from "@/lib/domain/sla-states";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const user = await currentUser();
  if (!user) return new Response("sign in first", { status: 401 });
  if (!can(user.role, "sla.read")) return new Response("forbidden", { status: 403 });
  const raw = new URL(request.url).searchParams.get("days");
  if (raw !== null && String(periodOf(raw)) !== raw) return new Response("days: one of 7, 30, 90", { status: 400 });
  const days = periodOf(raw);
  return new Response(await slaCsv(days), {
    headers: {
      "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="vigil-sla-${days}d.csv"`, "x-content-type-options": "nosniff",
    },
  });
}
