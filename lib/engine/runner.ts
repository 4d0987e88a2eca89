// The engine's loop inside the worker: claim ready runs in batches, run a turn of each, commit.
// Woken by NOTIFY on ENGINE_CHANNEL (new runs, finished callbacks, new containers) and by a short
// poll; a loop of its own sweeps prompt timeouts, time limits and schedules every poll interval,
// so a lost notification costs at most one poll interval and a busy batch delays no timeout.
import { listenChannel, type ChannelListener } from "../db/channel";
import { db } from "../db/client";
import { sql } from "../db/sql";
import { transientKind } from "../db/transient";
import { log } from "../log";
import type { AssetLookups } from "../domain/action-runs";
import { claimRuns, commitTurns, EffectRefused, ENGINE_CHANNEL, LeaseLost, loadTurnData, startTriggeredRuns, sweep, type ClaimedRun, type TurnCommit } from "./runs";
import { startScheduledRuns } from "./schedules";
import { commitOne, compiled, prepare } from "./turns";

/** How long a notification waits for others to be claimed with it. */
const WAKE_MS = 5;

export interface EngineOptions { batch?: number; leaseMs?: number; pollMs?: number; concurrency?: number }

export class Engine {
  private stopped = false;
  /** Idle loops' wake-up functions; true for the housekeeper, which also starts triggered runs. */
  private readonly waiters = new Map<() => void, boolean>();
  private wakeTimer: NodeJS.Timeout | undefined;
  /** Ends the sweep loop's wait (on stop). */
  private sweepWaiter: () => void = () => {};
  private listener: ChannelListener | null = null;
  private loops: Promise<void>[] = [];
  private readonly batch: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly concurrency: number;
  /**
   * Runs this worker claimed whose turn failed on a passing database error (a restart, a cut
   * connection, a timeout): their leases are given back as soon as the database answers again,
   * so they resume then rather than when the lease runs out. Other failures (a bug) keep the
   * lease, which spaces out the retries.
   */
  private readonly toRelease = new Set<number>();

  constructor(private readonly owner: string, opts: EngineOptions = {}) {
    this.batch = opts.batch ?? Number(process.env.VIGIL_ENGINE_BATCH ?? 64);
    this.leaseMs = opts.leaseMs ?? Number(process.env.VIGIL_ENGINE_LEASE_MS ?? 30_000);
    this.pollMs = opts.pollMs ?? 1000;
    this.concurrency = opts.concurrency ?? Number(process.env.VIGIL_ENGINE_CONCURRENCY ?? 4);
  }

  async start(): Promise<void> {
    try {
      // Reconnects by itself after a database restart; polling covers the gap.
      this.listener = await listenChannel({
        channel: ENGINE_CHANNEL, applicationName: `vigil engine ${process.pid}`,
        onNotification: () => this.wakeSoon(), onReconnect: () => this.wakeAll(),
      });
    } catch (err) {
      log.warn({ err }, "engine could not LISTEN; polling");
      this.listener = null;
    }
    // Several loops, each with its own claimed batch: a batch spends most of its time waiting on
    // PostgreSQL round trips, so batches in flight side by side keep the CPU busy.
    this.loops = [...Array.from({ length: this.concurrency }, (_, i) => this.run(i === 0)), this.sweepLoop()];
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.wakeTimer);
    this.wakeAll();
    this.sweepWaiter();
    await Promise.all(this.loops);
    await this.listener?.close();
  }

  private wakeAll(): void {
    for (const w of [...this.waiters.keys()]) w();
  }

  /**
   * A NOTIFY (new runs, a finished action, a new container) wakes one idle loop a few
   * milliseconds later, so that notifications arriving together are taken in one claim: at
   * hundreds of runs a second a claim per notification costs more than the turns. A loop that
   * claims a full batch wakes the next one (below), so more work brings more loops.
   */
  private wakeSoon(): void {
    if (this.wakeTimer || this.stopped) return;
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = undefined;
      this.wakeOne();
    }, WAKE_MS);
  }

  /** The housekeeper first when idle: a notification may be a new container, whose runs it starts. */
  private wakeOne(): void {
    const idle = [...this.waiters];
    (idle.find(([, housekeeper]) => housekeeper) ?? idle[0])?.[0]();
  }

  /**
   * Prompt timeouts, time limits and cron schedules, every pollMs, in a loop of their own: a
   * claim loop can spend a long time on one batch (64 runs whose code blocks each use their CPU
   * allowance), and a prompt must not wait for that to time out.
   */
  private async sweepLoop(): Promise<void> {
    while (!this.stopped) {
      try {
        const woken = await sweep();
        const scheduled = await startScheduledRuns();
        if (woken + scheduled > 0) this.wakeOne();
      } catch (err) {
        log.error({ err }, "engine sweep failed");
      }
      await new Promise<void>((resolve) => {
        this.sweepWaiter = resolve;
        setTimeout(resolve, this.pollMs).unref?.();
      });
    }
  }

  /** One claim-turn-commit loop; the `housekeeper` also starts triggered runs. */
  private async run(housekeeper: boolean): Promise<void> {
    while (!this.stopped) {
      try {
        // Still failing means the database is still away; the claim below says so in the log.
        await this.releaseLeases().catch(() => {});
        if (housekeeper) await startTriggeredRuns();
        const claimed = await claimRuns(this.owner, this.batch, this.leaseMs);
        if (claimed.length === this.batch) this.wakeOne();
        if (claimed.length > 0) {
          await this.turns(claimed);
          continue;
        }
      } catch (err) {
        log.error({ err }, "engine loop failed");
      }
      await new Promise<void>((resolve) => {
        const waiter = () => {
          clearTimeout(t);
          this.waiters.delete(waiter);
          resolve();
        };
        const t = setTimeout(waiter, this.pollMs);
        this.waiters.set(waiter, housekeeper);
      });
    }
  }

  /** Gives back the leases of runs whose turn met a database fault; kept for the next try if the database is still away. */
  private async releaseLeases(): Promise<void> {
    if (this.toRelease.size === 0) return;
    const ids = [...this.toRelease];
    await sql("engine_release", "update playbook_runs set lease_owner = null, lease_until = null where id = any($1) and lease_owner = $2", [ids, this.owner]);
    for (const id of ids) this.toRelease.delete(id);
    log.info({ runs: ids.length }, "released the leases of playbook runs whose turn met a database fault");
  }

  /** Notes a run whose turn failed: a passing database fault releases its lease soon, anything else waits for the lease. */
  private failedTurn(err: unknown, runs: ClaimedRun[]): void {
    const transient = transientKind(err) !== undefined;
    if (transient) for (const r of runs) this.toRelease.add(r.id);
    log[transient ? "warn" : "error"]({ err, runs: runs.map((r) => r.id) }, transient
      ? "playbook run turn met a database fault; its lease is released once the database answers"
      : "playbook run turn failed; it will be retried when its lease expires");
  }

  private async turns(claimed: ClaimedRun[]): Promise<void> {
    try {
      await this.turnsOf(claimed);
    } catch (err) {
      this.failedTurn(err, claimed);
    }
    // Straight away: when the database is already back, the runs are claimed again at once.
    await this.releaseLeases().catch(() => {});
  }

  private async turnsOf(claimed: ClaimedRun[]): Promise<void> {
    const data = await loadTurnData(claimed);
    const names = new Set<string>();
    for (const r of claimed) for (const l of (await compiled(r.playbook_id, r.playbook_version)).lists) names.add(l);
    const lists = new Map<string, unknown[][]>();
    if (names.size > 0) {
      for (const l of await db.customList.findMany({ where: { name: { in: [...names] } } })) lists.set(l.name, l.content as unknown[][]);
    }
    const prepared: TurnCommit[] = [];
    const lookups: AssetLookups = new Map();
    for (const run of claimed) {
      try {
        prepared.push(await prepare(run, data, lists, lookups));
      } catch (err) {
        this.failedTurn(err, [run]);
      }
    }
    try {
      await commitTurns(this.owner, prepared);
      return;
    } catch (err) {
      if (!(err instanceof EffectRefused) && !(err instanceof LeaseLost)) log.warn({ err }, "batch commit failed; committing run by run");
    }
    for (const c of prepared) {
      try {
        await commitOne(this.owner, c);
      } catch (err) {
        if (err instanceof LeaseLost) continue;
        this.failedTurn(err, [c.run]);
      }
    }
  }
}
