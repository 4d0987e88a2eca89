// The worker's SLA loop: warns of clocks at risk (lib/domain/sla-at-risk.ts) and fires due ones
// (lib/domain/sla.ts) every VIGIL_SLA_POLL_MS, and queues the emails of new notifications
// (lib/domain/notification-email.ts). The clocks and the email outbox live in PostgreSQL, so
// nothing is lost when every process restarts: a clock that came due while all were down fires
// on the first tick after one is back, once.
import { dispatchNotificationEmails } from "../domain/notification-email";
import { fireDueTimers } from "../domain/sla";
import { warnAtRisk } from "../domain/sla-at-risk";
import { compactSlaRollup } from "../domain/sla-figures";
import { log } from "../log";

export function startSlaLoop(pollMs = Number(process.env.VIGIL_SLA_POLL_MS) || 1000): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<void> | null = null;
  let lastFold = 0;
  const tick = async () => {
    try {
      // Drain a backlog in batches before waiting for the next tick.
      while (!stopped && (await warnAtRisk()) > 0);
      while (!stopped && (await fireDueTimers()) > 0);
      // The SLA dashboard's counts are kept as deltas (lib/domain/sla-figures.ts); folding them
      // once a minute keeps reading a period a sum over a few thousand rows.
      if (!stopped && Date.now() - lastFold > 60_000) {
        lastFold = Date.now();
        await compactSlaRollup();
      }
    } catch (err) {
      log.warn({ err }, "SLA timers could not be processed; retrying on the next tick");
    }
    try {
      // After the clocks: the notifications a breach just wrote go out on this tick.
      while (!stopped && (await dispatchNotificationEmails()) > 0);
    } catch (err) {
      log.warn({ err }, "notification emails could not be queued; retrying on the next tick");
    }
  };
  const timer = setInterval(() => {
    if (!running) running = tick().finally(() => (running = null));
  }, pollMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
