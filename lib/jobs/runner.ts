// The job runner: claims app runs from PostgreSQL, runs each in its app's child process, and
// records the outcome. Vigil's own tables are the queue; nothing else holds state.
//
// Why not graphile-worker or pg-boss (DESIGN.md measured both): the durable truth of every run
// has to live in app_runs anyway (status, attempts, results, shown by REST and the console),
// and a second queue would be a second truth to keep in step. Open-source graphile-worker
// leaves a crashed worker's jobs locked for 4 hours; pg-boss re-delivers after an expiry but
// cannot know whether the first delivery is still running. The targets (a SIGKILLed worker's
// runs picked up within seconds, none run twice, none left "running") need a lease that is
// renewed while the run is alive and checked when it is recorded, which is a few lines of SQL
// on the table we already have:
//
// - Enqueue: the action run's transaction inserts the app runs and issues NOTIFY, so workers
//   hear of a run exactly when it commits (lib/domain/action-runs.ts).
// - Claim: UPDATE ... SET status = 'running', lease_owner = me, lease_expires_at = now() + lease,
//   attempt = attempt + 1 for up to `free slots` rows that are pending and due, or running with
//   an expired lease (their worker died). Claims take one advisory lock so the per-asset
//   concurrency limit is counted exactly; a claim is one short statement for a whole batch, so
//   the lock is held for about a millisecond. Woken by LISTEN, and by a 1 s poll as a backstop
//   (missed notifications, retry times, expired leases).
// - Heartbeat: every lease/4 one UPDATE renews the leases of all runs this worker holds. A run
//   whose lease was taken over (this worker stalled past its lease) is aborted here and its
//   outcome is never recorded.
// - Record: completions are batched (one transaction per batch) and fenced: the UPDATE matches
//   only `lease_owner = me and attempt = the attempt I claimed`, so a run is recorded once,
//   by whoever holds it, and counted into its action run only when that UPDATE matched.
// - Exactly once at the far end: a run re-delivered after its worker died may already have
//   performed its side effect. Each app run has an idempotency key, stable across attempts,
//   handed to the app (the HTTP app sends it as Idempotency-Key), so the receiving service can
//   recognise the repeat. This is the one guarantee no queue can give by itself.
import os from "node:os";
import { randomUUID } from "node:crypto";
import { listenChannel, type ChannelListener } from "../db/channel";
import { sqlPool } from "../db/sql";
import { log } from "../log";
import { appFolderRoot, BUILTIN_DIR } from "../apps/registry";
import { assetRunConfig } from "../domain/assets";
import { RUNS_CHANNEL } from "../domain/action-runs";
import { secretFields, type AppManifest } from "../schemas/app-manifest";
import { AppHosts } from "./app-host";
import type { Outcome } from "./app-protocol";
import { sdkCall, type CallingAsset } from "./sdk-calls";
import { claimAppRuns, type Claimed } from "./claim";
import { BATCH_MS, Recorder, type Finished } from "./recorder";
import { redactor } from "./redact";

const POLL_MS = 1000;
const ABORT_GRACE_MS = 5000;

export interface RunnerOptions {
  /** App runs in flight at once in this worker. */
  concurrency?: number;
  /** How long a claimed run stays this worker's without a heartbeat. */
  leaseMs?: number;
  /** Where built-in apps are found (installed ones are always in the data directory). */
  appsRoot?: string;
}

interface AssetInfo {
  version: number;
  /** The folder the app's code is in (its root and directory). */
  root: string;
  calling: CallingAsset;
  appName: string;
  config: Record<string, unknown>;
  secrets: string[];
  /** Set when the asset's secrets do not open on this worker: its runs fail with this. */
  error?: string;
}


export function backoffMs(attempt: number, retryAfterMs?: number): number {
  const exp = Math.min(60_000, 1000 * 2 ** (attempt - 1));
  return Math.max(exp, retryAfterMs ?? 0);
}

export class Runner {
  readonly id = `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly appsRoot: string;
  private readonly hosts = new AppHosts();
  private readonly inflight = new Map<number, { run: Claimed; abort: (reason: "cancelled" | "lost" | "stopping") => void }>();
  /** Claimed runs whose assets are still being read, before they join `inflight`. */
  private readonly preparing = new Set<number>();
  private readonly assets = new Map<number, AssetInfo>();
  private listener: ChannelListener | null = null;
  private timers: NodeJS.Timeout[] = [];
  private claiming = false;
  private wakeTimer: NodeJS.Timeout | undefined;
  /** Action runs this worker already marked running (a write per claim otherwise). */
  private marked = new Set<number>();
  private wakeAgain = false;
  private stopped = false;
  private readonly recorder: Recorder;

  constructor(opts: RunnerOptions = {}) {
    this.recorder = new Recorder(this.id, () => this.wake());
    this.concurrency = opts.concurrency ?? Number(process.env.VIGIL_WORKER_CONCURRENCY || 64);
    this.leaseMs = opts.leaseMs ?? Number(process.env.VIGIL_LEASE_MS || 5000);
    this.appsRoot = opts.appsRoot ?? BUILTIN_DIR;
  }

  async start(): Promise<void> {
    // Polling (below) covers the moments the LISTEN connection is away; it reconnects by itself.
    this.listener = await listenChannel({
      channel: RUNS_CHANNEL,
      applicationName: `vigil runner ${process.pid}`,
      onNotification: (payload) => {
        if (payload.startsWith("cancel:")) this.cancelLocal(Number(payload.slice(7)));
        else this.wake();
      },
      onReconnect: () => this.wake(),
    });
    this.timers.push(setInterval(() => this.wake(), POLL_MS), setInterval(() => void this.heartbeat(), Math.max(250, this.leaseMs / 4)));
    for (const t of this.timers) t.unref();
    log.info({ runner: this.id, concurrency: this.concurrency, leaseMs: this.leaseMs }, "job runner started");
    this.wake();
  }

  /** Stops claiming, lets in-flight runs finish for a while, hands back the rest. */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    await this.listener?.close();
    const deadline = Date.now() + graceMs;
    while (this.inflight.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    for (const f of this.inflight.values()) f.abort("stopping");
    await this.recorder.flush();
    // Runs still held go back to the queue now instead of waiting for their lease to expire.
    await sqlPool().query(
      `update app_runs set status = 'pending', lease_owner = null, lease_expires_at = null, run_after = now(), update_time = now()
       where lease_owner = $1 and status = 'running'`, [this.id]).catch(() => {});
    this.hosts.killAll();
  }

  /**
   * After a completion: slots freed within a few milliseconds are refilled by one claim, not
   * one claim each (at hundreds of runs a second, a claim per completion costs more than the
   * runs). New work still wakes the runner at once through NOTIFY.
   */
  private wakeSoon(): void {
    if (this.wakeTimer) return;
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = undefined;
      this.wake();
    }, BATCH_MS);
  }

  wake(): void {
    if (this.stopped) return;
    if (this.claiming) {
      this.wakeAgain = true;
      return;
    }
    this.claiming = true;
    void this.claimLoop().finally(() => {
      this.claiming = false;
      if (this.wakeAgain) {
        this.wakeAgain = false;
        this.wake();
      }
    });
  }

  private async claimLoop(): Promise<void> {
    while (!this.stopped) {
      const free = this.concurrency - this.inflight.size;
      if (free <= 0) return;
      let runs: Claimed[];
      try {
        runs = await claimAppRuns(this.id, Math.min(free, 100), this.leaseMs, this.heldIds());
        this.markRunning(runs);
      } catch (err) {
        log.warn({ err }, "runner: claim failed");
        return;
      }
      if (!runs.length) return;
      // Claimed but not yet executing (their assets are being read): still ours, still renewed.
      for (const run of runs) this.preparing.add(run.id);
      try {
        await this.prepareAssets(runs);
      } finally {
        for (const run of runs) this.preparing.delete(run.id);
      }
      for (const run of runs) this.execute(run);
      if (runs.length < Math.min(free, 100)) return;
    }
  }

  /** Outside the claim transaction: the action run's status is for people, the lock is for claims. */
  private markRunning(rows: Claimed[]): void {
    const unmarked = [...new Set(rows.map((r) => r.action_run_id))].filter((id) => !this.marked.has(id));
    if (unmarked.length) {
      if (this.marked.size > 10_000) this.marked.clear();
      for (const id of unmarked) this.marked.add(id);
      void sqlPool().query("update action_runs set status = 'running', update_time = now() where id = any($1) and status = 'pending'", [unmarked]).catch(() => {});
    }
  }

  private async prepareAssets(runs: Claimed[]): Promise<void> {
    const stale = [...new Set(runs.filter((r) => this.assets.get(r.asset_id)?.version !== r.asset_version).map((r) => r.asset_id))];
    if (!stale.length) return;
    const { rows } = await sqlPool().query<{ id: number; version: number; configuration: Record<string, unknown>; directory: string; builtin: boolean; name: string; manifest: AppManifest }>(
      "select s.id, s.version, s.configuration, a.directory, a.builtin, a.name, a.manifest from assets s join apps a on a.id = s.app_id where s.id = any($1)", [stale]);
    for (const r of rows) {
      const secrets: string[] = [];
      let config: Record<string, unknown> = {};
      let error: string | undefined;
      try {
        config = assetRunConfig(r.id, r.manifest, r.configuration);
        for (const f of secretFields(r.manifest)) if (typeof config[f] === "string" && config[f]) secrets.push(config[f] as string);
      } catch (err) {
        error = `${(err as Error).message}: every node must have the same keys (VIGIL_SECRET_KEY)`;
        log.error({ asset: r.id, error }, "runner: asset secrets do not decrypt");
      }
      const ingest = (r.manifest.actions ?? []).some((a) => a.type === "ingest");
      this.assets.set(r.id, {
        version: r.version, root: appFolderRoot(r, this.appsRoot), appName: r.name, config, secrets, error,
        calling: { id: r.id, directory: r.directory, ingest, ingestLabel: null },
      });
    }
  }

  private execute(run: Claimed): void {
    const info = this.assets.get(run.asset_id);
    let settled = false;
    let lost = false;
    const timers: { timeout?: NodeJS.Timeout; grace?: NodeJS.Timeout } = {};
    const host = info ? this.hosts.get(info.calling.directory, info.appName, info.root) : null;
    const redact = redactor(info?.secrets ?? []);
    const done = (f: Omit<Finished, "run">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timers.timeout);
      clearTimeout(timers.grace);
      host?.forget(run.id);
      this.inflight.delete(run.id);
      if (!lost) this.recorder.record({ run, ...f });
      log.debug({ app_run: run.id, attempt: run.attempt, status: f.status, lost }, "app run finished");
      this.wakeSoon();
    };
    const abort = (reason: "cancelled" | "lost" | "stopping" | "timeout") => {
      if (settled) return;
      if (reason === "lost" || reason === "stopping") lost = true;
      const message = reason === "timeout" ? `timed out after ${run.timeout_ms / 1000} s` : reason === "cancelled" ? "cancelled while running" : reason;
      host?.abort(run.id, message);
      const final = () => this.interpret(run, { kind: "error", message }, reason === "cancelled", redact);
      if (reason !== "cancelled") return done(final());
      // A cancelled handler gets a moment to stop cleanly; then it is recorded as cancelled anyway.
      timers.grace = setTimeout(() => done(final()), ABORT_GRACE_MS);
      timers.grace.unref();
    };
    this.inflight.set(run.id, { run, abort });
    if (!info || !host) return done(this.interpret(run, { kind: "error", message: `the asset ${run.asset_id} is gone or its app is not installed` }, false, redact));
    if (info.error) return done(this.interpret(run, { kind: "error", message: info.error }, false, redact));
    timers.timeout = setTimeout(() => abort("timeout"), run.timeout_ms);
    timers.timeout.unref();
    const appLog = log.child({ app: info.appName, app_run: run.id, asset: run.asset_name });
    void host.run(
      {
        id: run.id, identifier: run.identifier, config: info.config, asset: { id: run.asset_id, name: run.asset_name }, container: run.container_id ?? undefined, ingest: info.calling.ingest,
        parameter: run.parameter, idempotencyKey: run.idempotency_key, timeoutMs: run.timeout_ms,
      },
      {
        log: (level, message, detail) => appLog[level]({ detail: redact(detail) }, redact(message)),
        call: (op, args) => sdkCall(info.calling, run, op, args),
      },
    ).then((outcome) => {
      if (settled) return;
      done(this.interpret(run, outcome, timers.grace !== undefined, redact));
    });
  }

  private interpret(run: Claimed, outcome: Outcome, cancelled: boolean, redact: <T>(v: T) => T): Omit<Finished, "run"> {
    if (outcome.kind === "transient" && !cancelled && run.attempt < run.max_attempts) {
      return { status: "retry", message: redact(`attempt ${run.attempt} of ${run.max_attempts} failed: ${outcome.message}; retrying`), retryInMs: backoffMs(run.attempt, outcome.retryAfterMs) };
    }
    const result = outcome.kind === "result"
      ? outcome.result
      : { status: "failed" as const, message: outcome.kind === "transient" ? `${outcome.message} (gave up after ${run.attempt} attempts)` : outcome.message, data: [], summary: {} };
    const message = redact(result.message);
    const status = cancelled && result.status !== "success" ? "cancelled" : result.status;
    const parameter = { ...run.parameter, context: run.parameter.context ?? { guid: run.idempotency_key, artifact_id: 0, parent_action_run: [] } };
    const entry = redact({ status: result.status, message, parameter, data: result.data, summary: result.summary });
    const outcomeWord = result.status === "success" ? "1 action succeeded" : "1 action failed";
    return {
      status,
      exception: outcome.kind !== "result",
      resultData: [entry],
      message: `'${run.action_run_name}' on asset '${run.asset_name}': ${outcomeWord}. (1)For Parameter: ${JSON.stringify(entry.parameter)} Message: ${JSON.stringify(message)}`,
    };
  }

  private cancelLocal(actionRunId: number): void {
    for (const f of this.inflight.values()) if (f.run.action_run_id === actionRunId) f.abort("cancelled");
  }

  /** Every run this worker has in hand: executing, being prepared, or finished and not yet written. */
  private heldIds(): number[] {
    return [...this.inflight.keys(), ...this.preparing, ...this.recorder.unflushed];
  }

  private async heartbeat(): Promise<void> {
    if (!this.inflight.size && !this.recorder.unflushed.size && !this.preparing.size) return;
    // Only the runs asked about can be found lost: runs claimed while this query is out are
    // not in `held` and must not be taken for lost (they would be abandoned and run again).
    const held = [...this.inflight.keys()];
    try {
      const { rows } = await sqlPool().query<{ id: number }>({
        name: "vigil_renew_leases",
        text: `update app_runs set lease_expires_at = now() + $2 * interval '1 millisecond'
               where lease_owner = $1 and status = 'running' and id = any($3) returning id`,
        values: [this.id, this.leaseMs, [...held, ...this.preparing, ...this.recorder.unflushed]],
      });
      const mine = new Set(rows.map((r) => r.id));
      for (const id of held) {
        const f = this.inflight.get(id);
        if (!f || mine.has(id)) continue;
        log.warn({ app_run: id }, "runner: lost the lease on an app run (this worker stalled); another worker has it");
        f.abort("lost");
      }
    } catch (err) {
      log.warn({ err }, "runner: heartbeat failed");
    }
  }
}
