// The server-sent-events stream behind /api/live: "containers" whenever containers change, so
// open queues refetch at once. Notifications within 500 ms are coalesced, so an ingestion burst
// of thousands of events costs each browser two refetches a second, not thousands.
// A stream lives for hours, so the session is checked again before each batch of events and
// every VIGIL_LIVE_CHECK_SECONDS while quiet: a signed-out, expired or disabled user's stream
// ends (the browser's reconnect then gets a 401) instead of going on listening.
import { can } from "./auth/permissions";
import { loadSession } from "./auth/sessions";
import { readConfig } from "./config";
import { subscribe } from "./db/live";
import { log } from "./log";

const COALESCE_MS = 500;
const PING_MS = 25_000;

async function sessionStillReads(sessionId: string): Promise<boolean> {
  try {
    const user = await loadSession(sessionId);
    return user !== null && can(user.role, "containers.read");
  } catch (err) {
    // A database hiccup is not a sign-out; the next check decides.
    log.warn({ err }, "live updates: could not re-check a session");
    return true;
  }
}

export function liveStream(sessionId: string, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const checkMs = readConfig().liveCheckSeconds * 1000;
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const send = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          end();
        }
      };
      const end = () => {
        if (!open) return;
        open = false;
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      const recheck = async (): Promise<boolean> => {
        if (await sessionStillReads(sessionId)) return true;
        send("event: signed-out\ndata: {}\n\n");
        end();
        return false;
      };
      const pending = new Set<string>();
      let timer: ReturnType<typeof setTimeout> | null = null;
      const flush = async () => {
        timer = null;
        if (!(await recheck())) return;
        for (const t of pending) send(`event: ${t}\ndata: {}\n\n`);
        pending.clear();
      };
      const unsubscribe = await subscribe((topic) => {
        pending.add(topic);
        timer ??= setTimeout(() => void flush(), COALESCE_MS);
      });
      const ping = setInterval(() => send(": ping\n\n"), PING_MS);
      const check = setInterval(() => void recheck(), checkMs);
      cleanup = () => {
        unsubscribe();
        clearInterval(ping);
        clearInterval(check);
        if (timer) clearTimeout(timer);
      };
      if (signal.aborted) return end();
      signal.addEventListener("abort", end);
      send("retry: 3000\n: connected\n\n");
    },
    cancel() {
      cleanup();
    },
  });
}
