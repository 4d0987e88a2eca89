// What /api/health reports: is the database answering, and are workers alive. Load balancers
// ask anonymously and get only the verdict; the version, node names, latency and database error
// are for signed-in users and API tokens (they help an attacker pick exploits and targets).
import { db } from "./db/client";
import { dbState } from "./db/db-state";
import { checkDisk, type DiskSpace } from "./disk";
import { STALE_MS } from "./jobs/worker";
import { VERSION } from "./version";

export interface Health {
  status: "ok" | "degraded" | "down";
  version: string;
  /** `recovering`: the embedded PostgreSQL went away and Vigil is restarting it (see `reason`). */
  database: { up: boolean; latencyMs?: number; error?: string; recovering?: boolean; reason?: string; since?: string };
  worker: { up: boolean; nodes: { id: string; hostname: string; lastSeenAt: string }[] };
  disk: DiskSpace;
}

/** How long health waits for the database to answer `select 1` before calling it unresponsive. */
export const HEALTH_DB_TIMEOUT_MS = 3_000;

// One probe at a time: while a frozen database leaves a probe waiting (up to the pool's
// query_timeout), load balancers polling health share it instead of taking every connection.
let probe: Promise<unknown> | undefined;

/** Resolves with `work`'s value, or rejects with `message` once `ms` have passed (the work goes on). */
export function within<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(message)), ms); });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export async function checkHealth(): Promise<Health> {
  const disk = await checkDisk();
  const started = performance.now();
  try {
    probe ??= db.$queryRaw`select 1`.finally(() => { probe = undefined; });
    await within(probe, HEALTH_DB_TIMEOUT_MS, `the database did not answer within ${HEALTH_DB_TIMEOUT_MS / 1000} s (overloaded, or its server is stalled)`);
  } catch (err) {
    // While the supervisor restarts the embedded PostgreSQL Vigil is degraded, not down: it
    // recovers by itself. An unreachable external DATABASE_URL is down until someone acts.
    // A database that is there but does not answer in time is degraded too: statements time out
    // (503) until it catches up, and nothing needs an operator yet.
    const state = dbState();
    const recovering = state.status === "recovering";
    const stalled = err instanceof Error && err.message.startsWith("the database did not answer");
    return {
      status: recovering || stalled ? "degraded" : "down", version: VERSION,
      database: {
        up: false, error: err instanceof Error ? err.message.split("\n").at(-1)?.trim() : "unreachable",
        ...(recovering ? { recovering, reason: state.reason, since: state.since } : {}),
      },
      worker: { up: false, nodes: [] },
      disk,
    };
  }
  const latencyMs = Math.round((performance.now() - started) * 10) / 10;
  const nodes = await db.workerNode.findMany({
    where: { lastSeenAt: { gte: new Date(Date.now() - STALE_MS) } },
    orderBy: { startedAt: "asc" },
  });
  const workerUp = nodes.length > 0;
  return {
    status: workerUp && disk.ok ? "ok" : "degraded",
    version: VERSION,
    database: { up: true, latencyMs },
    worker: { up: workerUp, nodes: nodes.map((n) => ({ id: n.id, hostname: n.hostname, lastSeenAt: n.lastSeenAt.toISOString() })) },
    disk,
  };
}

/** The anonymous answer: status and the two up/down flags, nothing that names or versions anything. */
export type PublicHealth = Pick<Health, "status"> & { database: { up: boolean; recovering?: true }; worker: { up: boolean } };

export function publicHealth(health: Health): PublicHealth {
  // While the database is away sign-in cannot be checked, so the reason goes to the log and
  // to signed-in callers once they can be recognised; anyone may learn that it is recovering.
  const database = health.database.recovering ? { up: health.database.up, recovering: true as const } : { up: health.database.up };
  return { status: health.status, database, worker: { up: health.worker.up } };
}
