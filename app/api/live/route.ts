// Server-sent events for the console: "containers" whenever containers change, so open queues
// refetch at once. Notifications within 500 ms are coalesced, so an ingestion burst of
// thousands of events costs each browser two refetches a second, not thousands.
import { currentUser } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { subscribe } from "@/lib/db/live";

export const dynamic = "force-dynamic";

const COALESCE_MS = 500;
const PING_MS = 25_000;

export async function GET(request: Request): Promise<Response> {
  const user = await currentUser();
  if (!user) return new Response("sign in first", { status: 401 });
  if (!can(user.role, "containers.read")) return new Response("forbidden", { status: 403 });
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const pending = new Set<string>();
      let timer: ReturnType<typeof setTimeout> | null = null;
      const unsubscribe = await subscribe((topic) => {
        pending.add(topic);
        timer ??= setTimeout(() => {
          timer = null;
          for (const t of pending) send(`event: ${t}\ndata: {}\n\n`);
          pending.clear();
        }, COALESCE_MS);
      });
      const ping = setInterval(() => send(": ping\n\n"), PING_MS);
      cleanup = () => {
        unsubscribe();
        clearInterval(ping);
        if (timer) clearTimeout(timer);
      };
      request.signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
      send("retry: 3000\n: connected\n\n");
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" },
  });
}
