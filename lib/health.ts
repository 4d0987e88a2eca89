// What /api/health reports: is the database answering, and are workers alive. Load balancers
// ask anonymously and get only the verdict; the version, node names, latency and database error
// are for signed-in users and API tokens (they help an attacker pick exploits and targets).
import { db } from "./db/client";
import { STALE_MS } from "./jobs/worker";
import { VERSION } from "./version";

export interface Health {
  status: "ok" | "degraded" | "down";
  version: string;
  database: { up: boolean; latencyMs?: number; error?: string };
  worker: { up: boolean; nodes: { id: string; hostname: string; lastSeenAt: string }[] };
}

export async function checkHealth(): Promise<Health> {
  const started = performance.now();
  try {
    await db.$queryRaw`select 1`;
  } catch (err) {
    return {
      status: "down", version: VERSION,
      database: { up: false, error: err instanceof Error ? err.message.split("\n")[0] : "unreachable" },
      worker: { up: false, nodes: [] },
    };
  }
  const latencyMs = Math.round((performance.now() - started) * 10) / 10;
  const nodes = await db.workerNode.findMany({
    where: { lastSeenAt: { gte: new Date(Date.now() - STALE_MS) } },
    orderBy: { startedAt: "asc" },
  });
  const workerUp = nodes.length > 0;
  return {
    status: workerUp ? "ok" : "degraded",
    version: VERSION,
    database: { up: true, latencyMs },
    worker: { up: workerUp, nodes: nodes.map((n) => ({ id: n.id, hostname: n.hostname, lastSeenAt: n.lastSeenAt.toISOString() })) },
  };
}

/** The anonymous answer: status and the two up/down flags, nothing that names or versions anything. */
export type PublicHealth = Pick<Health, "status"> & { database: { up: boolean }; worker: { up: boolean } };

export function publicHealth(health: Health): PublicHealth {
  return { status: health.status, database: { up: health.database.up }, worker: { up: health.worker.up } };
}
