// Live updates: one dedicated PostgreSQL connection per process LISTENs on "vigil_live" (a
// statement trigger on containers NOTIFYs it, whoever wrote: console, REST, engine, another
// node) and fans each notification out to the browsers subscribed through /api/live.
import pg from "pg";
import { log } from "../log";

type Listener = (topic: string) => void;

const state = globalThis as unknown as { vigilLive?: { listeners: Set<Listener>; client: Promise<pg.Client> | null } };
const live = (state.vigilLive ??= { listeners: new Set(), client: null });

function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  const ready = (async () => {
    await client.connect();
    await client.query("listen vigil_live");
    return client;
  })();
  client.on("notification", (msg) => {
    for (const listener of live.listeners) listener(msg.payload ?? "");
  });
  client.on("error", (err) => {
    log.warn({ err }, "live updates: the LISTEN connection failed; reconnecting on the next subscriber");
    live.client = null;
    client.end().catch(() => {});
  });
  ready.catch(() => (live.client = null));
  return ready;
}

/** Calls `listener` for every notification until the returned function is called. */
export async function subscribe(listener: Listener): Promise<() => void> {
  live.client ??= connect();
  await live.client;
  live.listeners.add(listener);
  return () => {
    live.listeners.delete(listener);
  };
}
