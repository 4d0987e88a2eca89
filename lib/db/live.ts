// Live updates: one dedicated PostgreSQL connection per process LISTENs on "vigil_live" (a
// statement trigger on containers NOTIFYs it, whoever wrote: console, REST, engine, another
// node) and fans each notification out to the browsers subscribed through /api/live.
// The connection comes back by itself after a database restart, failover or
// pg_terminate_backend (lib/db/channel.ts), and then every subscriber hears "containers" once:
// notifications sent while it was away are lost, so open queues refetch rather than stay
// silently stale.
import { log } from "../log";
import { listenChannel, type ChannelListener } from "./channel";

type Listener = (topic: string) => void;

/** Visible in pg_stat_activity, so operators (and tests) can find the LISTEN connection. */
export const LIVE_APPLICATION_NAME = `vigil live ${process.pid}`;

interface LiveState {
  listeners: Set<Listener>;
  /** Started with the first subscriber and kept for the life of the process. */
  channel: Promise<ChannelListener> | null;
}

// On globalThis: Next's dev server reloads modules, and a second LISTEN connection per reload
// would leak.
const state = globalThis as unknown as { vigilLive?: LiveState };
const live = (state.vigilLive ??= { listeners: new Set(), channel: null });

function fanOut(topic: string): void {
  for (const listener of live.listeners) {
    try {
      listener(topic);
    } catch (err) {
      log.warn({ err }, "live updates: a subscriber failed");
    }
  }
}

/**
 * Calls `listener` for every notification until the returned function is called. Resolves once
 * the LISTEN connection is up, or after a failed attempt (reconnection then continues in the
 * background, and the listener hears "containers" when it is back).
 */
export async function subscribe(listener: Listener): Promise<() => void> {
  live.listeners.add(listener);
  live.channel ??= listenChannel({
    channel: "vigil_live",
    applicationName: LIVE_APPLICATION_NAME,
    onNotification: fanOut,
    onReconnect: () => fanOut("containers"),
    keepTrying: true,
  });
  await live.channel;
  return () => {
    live.listeners.delete(listener);
  };
}
