// The one PostgreSQL connection pool of a process. Prisma (./client.ts, through its pg adapter)
// and the raw-SQL hot paths (./sql.ts) both draw from it, so VIGIL_DB_POOL is the number of
// connections a process opens, whichever path a query takes. The LISTEN client (./live.ts) and
// migrations (./migrate.ts) hold their own single connections on purpose.
import pg from "pg";
import { noteDbError } from "./transient";

// Next.js evaluates lib/ modules once for the CLI and again inside its route bundles; both must
// find the same pool, so it lives on globalThis.
const holder = globalThis as unknown as { vigilPool?: pg.Pool };

export function poolSize(): number {
  const size = Number(process.env.VIGIL_DB_POOL || 10);
  return Number.isSafeInteger(size) && size > 0 ? size : 10;
}

const msSetting = (name: string, fallback: number): number => {
  const ms = Number(process.env[name] || fallback);
  return Number.isSafeInteger(ms) && ms >= 0 ? ms : fallback;
};

/**
 * How long PostgreSQL lets one statement of this process run (VIGIL_DB_STATEMENT_TIMEOUT_MS,
 * default 30 s; 0 turns it off): a statement stuck behind a lock, or on an overloaded server,
 * fails its request with a clear 503 instead of holding a connection, and the user, forever.
 */
export function statementTimeoutMs(): number {
  return msSetting("VIGIL_DB_STATEMENT_TIMEOUT_MS", 30_000);
}

/** How long a request waits for a free connection before it answers 503 (VIGIL_DB_CONNECT_TIMEOUT_MS, default 10 s). */
export function connectTimeoutMs(): number {
  return msSetting("VIGIL_DB_CONNECT_TIMEOUT_MS", 10_000);
}

export function dbPool(): pg.Pool {
  if (!holder.vigilPool) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set: start Vigil with `vigil start`");
    const statement = statementTimeoutMs();
    const pool = new pg.Pool({
      connectionString,
      max: poolSize(),
      connectionTimeoutMillis: connectTimeoutMs(),
      ...(statement ? {
        statement_timeout: statement,
        // A server that does not answer at all (frozen, its host stalled) cannot enforce its own
        // timeout, so the client gives up a little later; that connection is then closed (below).
        query_timeout: statement + 5_000,
      } : {}),
    });
    // An idle client losing its connection must not take the process down; pg.Pool has already
    // dropped it, so the next checkout gets a fresh connection (lib/db/pool.int.test.ts).
    pool.on("error", () => {});
    markTransientFailures(pool);
    holder.vigilPool = pool;
  }
  return holder.vigilPool;
}

/**
 * Tells the current request (./transient.ts) when one of its queries or connection attempts
 * failed because the database is restarting, cut off or full, so an error that escapes to
 * Next.js answers 503 rather than 500. The caller still receives the error unchanged.
 */
function markTransientFailures(pool: pg.Pool): void {
  const watch = <Q>(original: Q): Q => ((...args: unknown[]) => {
    const result = (original as (...a: unknown[]) => unknown)(...args);
    // A promise (no callback given): note its failure; the caller still gets the rejection.
    if (result && typeof (result as Promise<unknown>).then === "function") (result as Promise<unknown>).then(undefined, noteDbError);
    return result;
  }) as Q;
  pool.query = watch(pool.query.bind(pool));
  pool.on("connect", (client) => {
    client.query = watch(closeAfterReadTimeout(client, client.query.bind(client)));
  });
  const connect = pool.connect.bind(pool) as (cb?: (err: Error | undefined, ...rest: unknown[]) => void) => unknown;
  pool.connect = ((cb?: (err: Error | undefined, ...rest: unknown[]) => void) => {
    if (cb) return connect((err, ...rest) => (noteDbError(err), cb(err, ...rest)));
    return (connect() as Promise<pg.PoolClient>).catch((err: unknown) => {
      noteDbError(err);
      throw err;
    });
  }) as typeof pool.connect;
}

/**
 * pg's client-side query_timeout rejects the query but leaves the connection waiting for the
 * server's answer, so every later query on it would wait too. Closing its socket makes the pool
 * drop it: a broken connection is never handed out again.
 */
function closeAfterReadTimeout(client: pg.PoolClient, query: pg.PoolClient["query"]): pg.PoolClient["query"] {
  const onError = (err: unknown) => {
    if (err instanceof Error && /Query read timeout/.test(err.message)) {
      // Marked as ending first: then the closed socket is not an unexpected "error" event (which
      // a checked-out client has no listener for), and the pool discards it on release.
      const c = client as unknown as { _ending: boolean; connection?: { stream?: { destroy(): void } } };
      c._ending = true;
      c.connection?.stream?.destroy();
    }
  };
  return ((...args: unknown[]) => {
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (err: unknown, ...rest: unknown[]) => (err && onError(err), (last as (...a: unknown[]) => unknown)(err, ...rest));
    }
    const result = (query as (...a: unknown[]) => unknown)(...args);
    if (result && typeof (result as Promise<unknown>).then === "function") (result as Promise<unknown>).then(undefined, onError);
    return result;
  }) as pg.PoolClient["query"];
}

/** Ends the pool once; the next dbPool() call opens a new one (tests, CLI commands). */
export async function closeDbPool(): Promise<void> {
  const pool = holder.vigilPool;
  holder.vigilPool = undefined;
  if (pool && !pool.ended && !pool.ending) await pool.end();
}
