// The in-process worker. It registers this node in worker_nodes and keeps a heartbeat, which is
// what /api/health reports and what lets several nodes share one database. Job handlers
// (actions, approvals, SLA timers) attach here as their issues land.
import { randomUUID } from "node:crypto";
import os from "node:os";
import { db } from "../db/client";
import { log } from "../log";
import { VERSION } from "../version";
import { Engine } from "../engine/runner";

export const HEARTBEAT_MS = 10_000;
/** A node whose heartbeat is older than this is considered down. */
export const STALE_MS = 3 * HEARTBEAT_MS;

export interface Worker {
  id: string;
  stop(): Promise<void>;
}

export async function startWorker(): Promise<Worker> {
  const id = `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  await db.workerNode.create({ data: { id, hostname: os.hostname(), pid: process.pid, version: VERSION } });
  const beat = async () => {
    try {
      await db.workerNode.upsert({
        where: { id },
        update: { lastSeenAt: new Date() },
        create: { id, hostname: os.hostname(), pid: process.pid, version: VERSION },
      });
      // Forget nodes that have been gone for a day, so the list stays readable.
      await db.workerNode.deleteMany({ where: { lastSeenAt: { lt: new Date(Date.now() - 86_400_000) } } });
    } catch (err) {
      log.warn({ err }, "worker heartbeat failed");
    }
  };
  const timer = setInterval(beat, HEARTBEAT_MS);
  timer.unref();
  // The playbook engine's loop (lib/engine/runner.ts) runs beside the heartbeat.
  const engine = new Engine(id);
  await engine.start();
  log.info({ worker: id }, "worker started");
  return {
    id,
    async stop() {
      clearInterval(timer);
      await engine.stop();
      await db.workerNode.deleteMany({ where: { id } }).catch(() => {});
      log.info({ worker: id }, "worker stopped");
    },
  };
}
