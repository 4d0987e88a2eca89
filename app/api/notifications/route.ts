// The signed-in user's notifications (the bell): unread count and the latest 30, as JSON.
import { currentUser } from "@/lib/auth/guard";
import { listNotifications } from "@/lib/domain/notifications";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const user = await currentUser();
  if (!user) return Response.json({ message: "sign in first" }, { status: 401 });
  const { unread, items } = await listNotifications(user.id);
  return Response.json({ unread, items: items.map((n) => ({ ...n, id: String(n.id) })) });
}
