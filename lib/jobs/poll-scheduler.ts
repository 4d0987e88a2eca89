// Starts the scheduled polls of ingest assets (lib/domain/asset-polling.ts) from every worker:
// a pass each second takes the due assets with SKIP LOCKED, so several workers share the work
// and each due poll starts once. The poll itself is an ordinary action run the runner executes.
import { runDuePolls } from "../domain/asset-polling";
import { log } from "../log";

const TICK_MS = 1000;

export class PollScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;

  start(): void {
    this.timer = setInterval(() => {
      // A pass still running (a slow database) is not overlapped by the next.
      this.running ??= runDuePolls()
        .then((started) => void (started.length && log.info({ action_runs: started }, "scheduled polls started")))
        .catch((err: unknown) => log.warn({ err }, "poll scheduler pass failed"))
        .finally(() => (this.running = null));
    }, TICK_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
