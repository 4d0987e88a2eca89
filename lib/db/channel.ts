// A LISTEN connection that comes back by itself. The job runner (and any other long-lived
// listener) needs its notifications after the database restarts or the connection is cut;
// without this a worker fell back to polling for good and stopped hearing cancellations.
import pg from "pg";
import { log } from "../log";

const BACKOFF_MIN_MS = 250;
const BACKOFF_MAX_MS = 2_000;

export interface ChannelListener {
  close(): Promise<void>;
}

export interface ChannelOptions {
  channel: string;
  /** Shown in pg_stat_activity, so operators and tests can find the connection. */
  applicationName: string;
  onNotification(payload: string): void;
  /** After a reconnect: notifications sent meanwhile were missed, so look again. */
  onReconnect?(): void;
  /**
   * Keep trying when the very first connection fails, instead of rejecting: for listeners whose
   * caller has nothing better to do than wait (the console's live updates). Resolves after that
   * first attempt either way; onReconnect fires once the LISTEN is finally in place.
   */
  keepTrying?: boolean;
}

/** Connects and LISTENs; resolves once the first LISTEN is in place (rejects if it cannot be, unless keepTrying). */
export async function listenChannel(opts: ChannelOptions): Promise<ChannelListener> {
  let closed = false;
  let client: pg.Client | null = null;
  let failures = 0;
  let retry: NodeJS.Timeout | null = null;

  const connect = async (isReconnect: boolean): Promise<void> => {
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL, application_name: opts.applicationName, keepAlive: true });
    let lost = false;
    const onLost = (err?: unknown) => {
      if (lost) return;
      lost = true;
      if (client === c) client = null;
      c.end().catch(() => {});
      if (closed) return;
      log.warn({ err, channel: opts.channel }, "LISTEN connection lost; reconnecting");
      const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** failures++);
      retry = setTimeout(() => void connect(true).catch(() => {}), delay);
      retry.unref();
    };
    c.on("notification", (m) => opts.onNotification(m.payload ?? ""));
    c.on("error", onLost);
    c.on("end", () => onLost());
    try {
      await c.connect();
      await c.query(`listen ${opts.channel}`);
    } catch (err) {
      // The first connection's failure is the caller's to handle (unless it asked us to keep
      // trying); later ones retry.
      const giveUp = !isReconnect && !opts.keepTrying;
      if (giveUp) closed = true;
      onLost(err);
      if (giveUp) throw err;
      return;
    }
    if (lost || closed) return void c.end().catch(() => {});
    client = c;
    failures = 0;
    if (isReconnect) {
      log.info({ channel: opts.channel }, "LISTEN connection is back");
      opts.onReconnect?.();
    }
  };

  await connect(false);
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => {});
      client = null;
    },
  };
}
