// Server-sent events for the console (lib/live-stream.ts): open queues refetch when containers
// change anywhere, for as long as the session stays valid.
import { currentUser } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { liveStream } from "@/lib/live-stream";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const user = await currentUser();
  if (!user) return new Response("sign in first", { status: 401 });
  if (!can(user.role, "containers.read")) return new Response("forbidden", { status: 403 });
  return new Response(liveStream(user.sessionId, request.signal), {
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" },
  });
}
