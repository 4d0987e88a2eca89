// The SLA page's CSV export: what is late or at risk, one row each, for a signed-in user who may
// read the manager's view.
import { currentUser } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { lateItems } from "@/lib/domain/sla-dashboard";
import { toCsv } from "@/lib/csv";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const user = await currentUser();
  if (!user) return new Response("sign in first", { status: 401 });
  if (!can(user.role, "sla.read")) return new Response("forbidden", { status: 403 });
  const items = await lateItems();
  const csv = toCsv(
    ["kind", "id", "name", "event_id", "owner", "severity", "sla", "percent_used", "due", "breached_at"],
    items.map((i) => [i.kind, i.id, i.name, i.containerId, i.ownerName, i.severity, i.state === "breached" ? "breached" : "at risk",
      Math.round(i.used * 100), i.dueAt, i.firedAt]),
  );
  return new Response(csv, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="vigil-sla.csv"', "x-content-type-options": "nosniff" },
  });
}
