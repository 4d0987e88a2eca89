// Live updates: one dedicated PostgreSQL connection per process LISTENs on "vigil_live" (a
// statement trigger on containers NOTIFYs it, whoever wrote: console, REST, engine, another
// node) and fans each notification out to the browsers subscribed through /api/live.
// When that connection drops (database restart, failover, pg_terminate_backend, network) it
// reconnects by itself with exponential backoff while anyone is subscribed, and then tells every
// subscriber "containers" once: notifications sent while it was away are lost, so open queues
// refetch rather than stay silently stale.
import pg from "pg";
import { log } from "../log";

type Listener = (topic: string) => void;

/** Visible in pg_stat_activity, so operators (and tests) can find the LISTEN connection. */
export const LIVE_APPLICATION_NAME = `vigil live ${process.pid}`;

const BACKOFF_MIN_MS = 250;
// Short: after a database restart the console should hear about changes again within seconds.
const BACKOFF_MAX_MS = 2_000;

interface LiveState {
  listeners: Set<Listener>;
  client: pg.Client | null;
  /** Settles when the current connection attempt has succeeded or failed. */
  connecting: Promise<void> | null;
  retry: ReturnType<typeof setTimeout> | null;
  failures: number;
}

const state = globalThis as unknown as { vigilLive?: LiveState };
const live = (state.vigilLive ??= { listeners: new Set(), client: null, connecting: null, retry: null, failures: 0 });

function fanOut(topic: string): void {
  for (const listener of live.listeners) {
    try {
      listener(topic);
    } catch (err) {
      log.warn({ err }, "live updates: a subscriber failed");
    }
  }
}

function scheduleReconnect(): void {
  if (live.retry || live.connecting || live.client || live.listeners.size === 0) return;
  const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** live.failures);
  live.retry = setTimeout(() => {
    live.retry = null;
    void connect(true);
  }, delay * (0.8 + Math.random() * 0.4));
  live.retry.unref?.();
}

function connect(isReconnect: boolean): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL, application_name: LIVE_APPLICATION_NAME, keepAlive: true });
  let lost = false;
  const onLost = (err?: unknown) => {
    if (lost) return;
    lost = true;
    if (live.client === client) live.client = null;
    client.end().catch(() => {});
    log.warn({ err }, "live updates: the LISTEN connection was lost; reconnecting");
    scheduleReconnect();
  };
  client.on("notification", (msg) => fanOut(msg.payload ?? ""));
  client.on("error", onLost);
  client.on("end", () => onLost());
  live.connecting = (async () => {
    try {
      await client.connect();
      await client.query("listen vigil_live");
      if (lost) return;
      live.client = client;
      live.failures = 0;
      if (isReconnect) {
        log.info("live updates: the LISTEN connection is back");
        fanOut("containers");
      }
    } catch (err) {
      live.failures += 1;
      onLost(err);
    } finally {
      live.connecting = null;
      // onLost above ran while `connecting` was still set: schedule now that it is clear.
      if (!live.client) scheduleReconnect();
    }
  })();
  return live.connecting;
}

/**
 * Calls `listener` for every notification until the returned function is called. Resolves once
 * the LISTEN connection is up, or after a failed attempt (reconnection then continues in the
 * background, and the listener hears "containers" when it is back).
 */
export async function subscribe(listener: Listener): Promise<() => void> {
  live.listeners.add(listener);
  if (!live.client && !live.connecting && !live.retry) void connect(false);
  if (live.connecting) await live.connecting;
  return () => {
    live.listeners.delete(listener);
  };
}
