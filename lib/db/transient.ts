// Which database errors are passing (the server restarts, a connection was cut, the server is
// full, two transactions collided) rather than bugs or bad input: they answer 503 with
// Retry-After, never 500. Errors reach Vigil by three routes and all are recognised here:
// node-postgres directly (raw SQL: a DatabaseError with a SQLSTATE `code`, a socket error with
// an errno `code`, or a plain "Connection terminated unexpectedly"), and Prisma through its pg
// adapter (a DriverAdapterError whose cause has a `kind` and the `originalCode`, wrapped in a
// Prisma error with a P-code, or the plain pg error passed through).
import { AsyncLocalStorage } from "node:async_hooks";

/**
 * - unreachable: no connection was made, so nothing was sent: any work may be repeated.
 * - lost: the connection died with the statement in flight: a write may or may not have committed.
 * - busy: the server (or the pool) has no connection to spare right now; nothing was sent.
 * - conflict: serialization failure or deadlock; PostgreSQL rolled the transaction back.
 * - slow: PostgreSQL stopped the statement at its statement or lock timeout (a lock held too
 *   long, an overloaded server); the statement, and its transaction, changed nothing.
 */
export type TransientKind = "unreachable" | "lost" | "busy" | "conflict" | "slow";

const SQLSTATE: Record<string, TransientKind> = {
  "57P01": "lost", // admin_shutdown: terminating connection due to administrator command
  "57P02": "lost", // crash_shutdown
  "57P03": "unreachable", // cannot_connect_now: starting up, shutting down, in recovery
  "08000": "lost", "08003": "lost", "08006": "lost", // connection_exception family
  "08001": "unreachable", "08004": "unreachable",
  "53300": "busy", // too_many_connections
  "40001": "conflict", // serialization_failure
  "40P01": "conflict", // deadlock_detected
  "57014": "slow", // query_canceled: statement_timeout (Vigil never cancels requests by hand)
  "55P03": "slow", // lock_not_available: lock_timeout
};

const ERRNO: Record<string, TransientKind> = {
  ECONNREFUSED: "unreachable", EHOSTUNREACH: "unreachable", ENETUNREACH: "unreachable", EAI_AGAIN: "unreachable",
  ECONNRESET: "lost", EPIPE: "lost", ETIMEDOUT: "lost",
};

// Prisma's codes for the same conditions (engine and driver-adapter errors).
const PRISMA: Record<string, TransientKind> = {
  P1001: "unreachable", P1002: "unreachable", P1017: "lost", P2024: "busy", P2034: "conflict", P2037: "busy",
};

// The pg adapter's error kinds (@prisma/adapter-pg convertDriverError).
const ADAPTER_KIND: Record<string, TransientKind> = {
  DatabaseNotReachable: "unreachable", ConnectionClosed: "lost", SocketTimeout: "lost",
  TooManyConnections: "busy", TransactionWriteConflict: "conflict",
};

// Errors node-postgres raises without any code.
const MESSAGES: [RegExp, TransientKind][] = [
  [/timeout exceeded when trying to connect/i, "busy"],
  // pg's client-side query_timeout: the server did not answer at all (frozen, or its host
  // stalled); the statement may still commit there, so a write's fate is unknown.
  [/Query read timeout/i, "lost"],
  [/Connection terminated|not queryable|Connection closed|server closed the connection/i, "lost"],
  [/terminating connection due to administrator command/i, "lost"],
  [/the database system is (starting up|shutting down|in recovery|not yet accepting)/i, "unreachable"],
  [/Can't reach database server/i, "unreachable"],
];

/** The kind of passing database failure `err` is, or undefined for anything else. */
export function transientKind(err: unknown): TransientKind | undefined {
  const seen = new Set<unknown>();
  const visit = (e: unknown): TransientKind | undefined => {
    if (!e || typeof e !== "object" || seen.has(e)) return undefined;
    seen.add(e);
    const o = e as Record<string, unknown>;
    for (const key of ["originalCode", "code"]) {
      const v = o[key];
      if (typeof v !== "string") continue;
      const kind = SQLSTATE[v] ?? ERRNO[v] ?? PRISMA[v];
      if (kind) return kind;
    }
    if (typeof o.kind === "string" && ADAPTER_KIND[o.kind]) return ADAPTER_KIND[o.kind];
    const nested = visit(o.cause) ?? visit(o.meta) ?? visit(o.driverAdapterError)
      ?? (Array.isArray(o.errors) ? o.errors.map(visit).find(Boolean) : undefined);
    if (nested) return nested;
    const message = typeof o.message === "string" ? o.message : "";
    return MESSAGES.find(([re]) => re.test(message))?.[1];
  };
  return visit(err);
}

/** Whether running the same work again cannot write twice: nothing was sent, or it was rolled back. */
export function safeToRepeat(kind: TransientKind | undefined): boolean {
  return kind === "unreachable" || kind === "busy" || kind === "conflict";
}

/** Seconds a client should wait before retrying. */
export function retryAfterSeconds(kind: TransientKind): number {
  return kind === "conflict" || kind === "busy" ? 1 : kind === "slow" ? 5 : 2;
}

/** One sentence for the caller: what happened, whether it may have been saved, what to do. */
export function transientMessage(kind: TransientKind, write: boolean): string {
  switch (kind) {
    case "unreachable":
      return "the database is not reachable right now (it may be restarting); nothing was saved: retry in a few seconds";
    case "busy":
      return "the database has no free connection right now; nothing was saved: retry in a moment";
    case "conflict":
      return "the change collided with a concurrent one and was rolled back: retry it";
    case "slow":
      return "the database did not finish in time (it is overloaded, or another transaction holds a lock) and stopped the statement; nothing was saved: retry in a moment";
    case "lost":
      return write
        ? "the connection to the database was lost during the request (it may be restarting), so the change may or may not have been saved: check, or retry it (a source_data_identifier makes retrying a create safe)"
        : "the connection to the database was lost during the request (it may be restarting): retry in a few seconds";
  }
}

/** SQLSTATE 53100 (disk_full): PostgreSQL could not grow a file; the statement changed nothing. */
export const DATABASE_DISK_FULL = "the disk holding the database is full: free space there (the PostgreSQL data directory), then retry; nothing was saved";

/** Waits before the one in-request retry: long enough for a restarting PostgreSQL to answer. */
export const IN_REQUEST_RETRY_MS = 750;

export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// The web server (lib/web-server.ts) gives each request a store; the pool (./pool.ts) marks it
// when a query of that request failed transiently, so a page or route handler that let such an
// error escape answers 503 instead of 500. On globalThis: Next.js bundles evaluate this module
// again, and both copies must share one store.
const holder = globalThis as unknown as { vigilRequestDb?: AsyncLocalStorage<{ transient?: TransientKind }> };
export const requestDb = (holder.vigilRequestDb ??= new AsyncLocalStorage());

/** Records a transient failure on the current request, if any; returns its kind. */
export function noteDbError(err: unknown): TransientKind | undefined {
  const kind = transientKind(err);
  if (kind) {
    const store = requestDb.getStore();
    if (store) store.transient = kind;
  }
  return kind;
}
