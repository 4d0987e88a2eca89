// The worker. It registers this node in worker_nodes and keeps a heartbeat, which is what
// /api/health reports and what lets several nodes share one database, and runs the job runner
// (app runs, ./runner.ts). It runs inside `vigil start` and alone as `vigil worker`; approvals
// and SLA timers (./sla-loop.ts) run here too.
import { randomUUID } from "node:crypto";
import os from "node:os";
import { db } from "../db/client";
import { log } from "../log";
import { VERSION } from "../version";
import { Runner, type RunnerOptions } from "./runner";
import { Engine } from "../engine/runner";
import { startSlaLoop } from "./sla-loop";

export const HEARTBEAT_MS = 10_000;
/** A node whose heartbeat is older than this is considered down. */
export const STALE_MS = 3 * HEARTBEAT_MS;

export interface Worker {
  id: string;
  runner: Runner;
  stop(): Promise<void>;
}

export async function startWorker(opts: RunnerOptions = {}): Promise<Worker> {
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
  const runner = new Runner(opts);
  await runner.start();
  // The playbook engine's loop (lib/engine/runner.ts) runs beside the heartbeat.
  const engine = new Engine(id);
  await engine.start();
  const sla = startSlaLoop();
  log.info({ worker: id }, "worker started");
  return {
    id,
    runner,
    async stop() {
      clearInterval(timer);
      await sla.stop();
      await runner.stop();
      await engine.stop();
      await db.workerNode.deleteMany({ where: { id } }).catch(() => {});
      log.info({ worker: id }, "worker stopped");
    },
  };
}
