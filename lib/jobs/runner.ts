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
import pg from "pg";
import { sqlPool } from "../db/sql";
import { log } from "../log";
import { BUILTIN_DIR } from "../apps/registry";
import { assetRunConfig } from "../domain/assets";
import { RUNS_CHANNEL, SETTLE_SQL, settleParams, type Settlement } from "../domain/action-runs";
import { secretFields, type AppManifest } from "../schemas/app-manifest";
import { AppHosts } from "./app-host";
import type { Outcome } from "./app-protocol";

const CLAIM_LOCK = 7_002_001;
const POLL_MS = 1000;
const ABORT_GRACE_MS = 5000;
/** How long completions wait to be written, and freed slots to be refilled, together. */
const BATCH_MS = 5;

export interface RunnerOptions {
  /** App runs in flight at once in this worker. */
  concurrency?: number;
  /** How long a claimed run stays this worker's without a heartbeat. */
  leaseMs?: number;
  appsRoot?: string;
}

interface Claimed {
  id: number;
  action_run_id: number;
  action_run_name: string;
  asset_id: number;
  asset_version: number;
  asset_name: string;
  identifier: string;
  action: string;
  parameter: Record<string, unknown>;
  attempt: number;
  max_attempts: number;
  timeout_ms: number;
  idempotency_key: string;
}

interface AssetInfo {
  version: number;
  directory: string;
  appName: string;
  config: Record<string, unknown>;
  secrets: string[];
  /** Set when the asset's secrets do not open on this worker: its runs fail with this. */
  error?: string;
}

interface Finished {
  run: Claimed;
  status: "success" | "failed" | "cancelled" | "retry";
  message: string;
  resultData?: unknown[];
  /** The app threw (SOAR's exception_occured), rather than returning a failed result. */
  exception?: boolean;
  retryInMs?: number;
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
  private readonly assets = new Map<number, AssetInfo>();
  private listener: pg.Client | null = null;
  private timers: NodeJS.Timeout[] = [];
  private claiming = false;
  private wakeTimer: NodeJS.Timeout | undefined;
  /** Action runs this worker already marked running (a write per claim otherwise). */
  private marked = new Set<number>();
  private wakeAgain = false;
  private stopped = false;
  private finished: Finished[] = [];
  /** Finished runs not yet written: their leases are renewed too until they are. */
  private unflushed = new Set<number>();
  private flushing: Promise<void> | null = null;

  constructor(opts: RunnerOptions = {}) {
    this.concurrency = opts.concurrency ?? Number(process.env.VIGIL_WORKER_CONCURRENCY || 64);
    this.leaseMs = opts.leaseMs ?? Number(process.env.VIGIL_LEASE_MS || 5000);
    this.appsRoot = opts.appsRoot ?? BUILTIN_DIR;
  }

  async start(): Promise<void> {
    const listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
    listener.on("error", (err) => log.warn({ err }, "runner: LISTEN connection lost; polling until it is back"));
    listener.on("notification", (n) => {
      if (n.payload?.startsWith("cancel:")) this.cancelLocal(Number(n.payload.slice(7)));
      else this.wake();
    });
    await listener.connect();
    await listener.query(`listen ${RUNS_CHANNEL}`);
    this.listener = listener;
    this.timers.push(setInterval(() => this.wake(), POLL_MS), setInterval(() => void this.heartbeat(), Math.max(250, this.leaseMs / 4)));
    for (const t of this.timers) t.unref();
    log.info({ runner: this.id, concurrency: this.concurrency, leaseMs: this.leaseMs }, "job runner started");
    this.wake();
  }

  /** Stops claiming, lets in-flight runs finish for a while, hands back the rest. */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    await this.listener?.end().catch(() => {});
    const deadline = Date.now() + graceMs;
    while (this.inflight.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    for (const f of this.inflight.values()) f.abort("stopping");
    await this.flush();
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
        runs = await this.claim(Math.min(free, 100));
      } catch (err) {
        log.warn({ err }, "runner: claim failed");
        return;
      }
      if (!runs.length) return;
      await this.prepareAssets(runs);
      for (const run of runs) this.execute(run);
      if (runs.length < Math.min(free, 100)) return;
    }
  }

  private async claim(limit: number): Promise<Claimed[]> {
    const client = await sqlPool().connect();
    try {
      // One round trip for both (simple query protocol): dispatch latency is mostly round trips.
      await client.query(`begin; select pg_advisory_xact_lock(${CLAIM_LOCK})`);
      const { rows } = await client.query<Claimed>({
        name: "vigil_claim_app_runs",
        text: `
        with running as (
          select asset_id, count(*)::int as n from app_runs where status = 'running' and lease_expires_at > now() group by asset_id
        ), due as (
          -- Per asset, at most its free slots, so one asset's backlog never hides another's runs.
          select x.id, x.asset_id, x.run_after from assets s
          left join running ru on ru.asset_id = s.id
          cross join lateral (
            select id, asset_id, run_after from app_runs
            where status = 'pending' and asset_id = s.id and run_after <= now()
            order by run_after, id limit least($2, s.concurrency_limit - coalesce(ru.n, 0))
          ) x
          where s.concurrency_limit > coalesce(ru.n, 0)
          union all
          (select id, asset_id, lease_expires_at from app_runs where status = 'running' and lease_expires_at <= now() order by lease_expires_at limit $2)
        ), ranked as (
          select due.id, due.asset_id, due.run_after, row_number() over (partition by due.asset_id order by due.run_after, due.id) as rn from due
        ), picked as (
          select r.id from ranked r join assets s on s.id = r.asset_id left join running ru on ru.asset_id = r.asset_id
          where r.rn + coalesce(ru.n, 0) <= s.concurrency_limit order by r.run_after, r.id limit $2
        )
        update app_runs r set status = 'running', attempt = r.attempt + 1, lease_owner = $1,
          lease_expires_at = now() + $3 * interval '1 millisecond', start_time = coalesce(r.start_time, clock_timestamp()), update_time = now()
        from picked p, action_runs ar, assets s
        where r.id = p.id and ar.id = r.action_run_id and s.id = r.asset_id
          and (r.status = 'pending' or (r.status = 'running' and r.lease_expires_at <= now()))
        returning r.id, r.action_run_id, ar.name as action_run_name, r.asset_id, s.version as asset_version, s.name as asset_name,
          r.identifier, r.action, r.parameter, r.attempt, r.max_attempts, r.timeout_ms, r.idempotency_key`,
        values: [this.id, limit, this.leaseMs],
      });
      await client.query("commit");
      const unmarked = [...new Set(rows.map((r) => r.action_run_id))].filter((id) => !this.marked.has(id));
      if (unmarked.length) {
        if (this.marked.size > 10_000) this.marked.clear();
        for (const id of unmarked) this.marked.add(id);
        // Outside the claim transaction: the status is for people, the lock is for claims.
        void sqlPool().query("update action_runs set status = 'running', update_time = now() where id = any($1) and status = 'pending'", [unmarked]).catch(() => {});
      }
      return rows;
    } catch (err) {
      await client.query("rollback").catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  private async prepareAssets(runs: Claimed[]): Promise<void> {
    const stale = [...new Set(runs.filter((r) => this.assets.get(r.asset_id)?.version !== r.asset_version).map((r) => r.asset_id))];
    if (!stale.length) return;
    const { rows } = await sqlPool().query<{ id: number; version: number; configuration: Record<string, unknown>; directory: string; name: string; manifest: AppManifest }>(
      "select s.id, s.version, s.configuration, a.directory, a.name, a.manifest from assets s join apps a on a.id = s.app_id where s.id = any($1)", [stale]);
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
      this.assets.set(r.id, { version: r.version, directory: r.directory, appName: r.name, config, secrets, error });
    }
  }

  private execute(run: Claimed): void {
    const info = this.assets.get(run.asset_id);
    let settled = false;
    let lost = false;
    const timers: { timeout?: NodeJS.Timeout; grace?: NodeJS.Timeout } = {};
    const host = info ? this.hosts.get(info.directory, info.appName, this.appsRoot) : null;
    const redact = (text: string) => (info?.secrets ?? []).reduce((t, s) => t.split(s).join("[redacted]"), text);
    const done = (f: Omit<Finished, "run">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timers.timeout);
      clearTimeout(timers.grace);
      host?.forget(run.id);
      this.inflight.delete(run.id);
      if (!lost) this.record({ run, ...f });
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
      { id: run.id, identifier: run.identifier, config: info.config, parameter: run.parameter, idempotencyKey: run.idempotency_key, timeoutMs: run.timeout_ms },
      {
        log: (level, message, detail) => appLog[level]({ detail: detail ? JSON.parse(redact(JSON.stringify(detail))) : undefined }, redact(message)),
        call: (op, args) => this.stateCall(run.asset_id, op, args),
      },
    ).then((outcome) => {
      if (settled) return;
      done(this.interpret(run, outcome, timers.grace !== undefined, redact));
    });
  }

  private interpret(run: Claimed, outcome: Outcome, cancelled: boolean, redact: (s: string) => string): Omit<Finished, "run"> {
    if (outcome.kind === "transient" && !cancelled && run.attempt < run.max_attempts) {
      return { status: "retry", message: redact(`attempt ${run.attempt} of ${run.max_attempts} failed: ${outcome.message}; retrying`), retryInMs: backoffMs(run.attempt, outcome.retryAfterMs) };
    }
    const result = outcome.kind === "result"
      ? outcome.result
      : { status: "failed" as const, message: outcome.kind === "transient" ? `${outcome.message} (gave up after ${run.attempt} attempts)` : outcome.message, data: [], summary: {} };
    const message = redact(result.message);
    const status = cancelled && result.status !== "success" ? "cancelled" : result.status;
    const parameter = { ...run.parameter, context: run.parameter.context ?? { guid: run.idempotency_key, artifact_id: 0, parent_action_run: [] } };
    const entry = JSON.parse(redact(JSON.stringify({ status: result.status, message, parameter, data: result.data, summary: result.summary })));
    const outcomeWord = result.status === "success" ? "1 action succeeded" : "1 action failed";
    return {
      status,
      exception: outcome.kind !== "result",
      resultData: [entry],
      message: `'${run.action_run_name}' on asset '${run.asset_name}': ${outcomeWord}. (1)For Parameter: ${JSON.stringify(entry.parameter)} Message: ${JSON.stringify(message)}`,
    };
  }

  private async stateCall(assetId: number, op: "state.get" | "state.set", args: unknown[]): Promise<unknown> {
    if (op === "state.get") return (await sqlPool().query("select state from assets where id = $1", [assetId])).rows[0]?.state?.app;
    const value = JSON.stringify({ app: args[0] ?? null });
    if (value.length > 1_000_000) throw new Error("app state is limited to 1 MB");
    await sqlPool().query("update assets set state = $2::jsonb where id = $1", [assetId, value]);
    return null;
  }

  private cancelLocal(actionRunId: number): void {
    for (const f of this.inflight.values()) if (f.run.action_run_id === actionRunId) f.abort("cancelled");
  }

  private async heartbeat(): Promise<void> {
    if (!this.inflight.size && !this.unflushed.size) return;
    // Only the runs asked about can be found lost: runs claimed while this query is out are
    // not in `held` and must not be taken for lost (they would be abandoned and run again).
    const held = [...this.inflight.keys()];
    try {
      const { rows } = await sqlPool().query<{ id: number }>({
        name: "vigil_renew_leases",
        text: `update app_runs set lease_expires_at = now() + $2 * interval '1 millisecond'
               where lease_owner = $1 and status = 'running' and id = any($3) returning id`,
        values: [this.id, this.leaseMs, [...held, ...this.unflushed]],
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

  private record(f: Finished): void {
    this.finished.push(f);
    this.unflushed.add(f.run.id);
    if (!this.flushing) this.flushing = this.flushLoop();
  }

  private async flushLoop(): Promise<void> {
    try {
      await new Promise((r) => setTimeout(r, BATCH_MS));
      while (this.finished.length) {
        const batch = this.finished.splice(0, 500);
        await this.writeBatch(batch).catch((err: unknown) => {
          log.error({ err }, "runner: recording finished app runs failed; their leases will expire and they run again");
        });
        for (const f of batch) this.unflushed.delete(f.run.id);
      }
    } finally {
      this.flushing = null;
    }
  }

  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async writeBatch(batch: Finished[]): Promise<void> {
    const terminal = batch.filter((f) => f.status !== "retry").map((f) => ({
      id: f.run.id, attempt: f.run.attempt, status: f.status, message: f.message,
      result_data: f.resultData ?? [], ok: f.status === "success" ? 1 : 0, total: f.resultData?.length ?? 0, exception: f.exception ?? false,
    }));
    const retries = batch.filter((f) => f.status === "retry").map((f) => ({ id: f.run.id, attempt: f.run.attempt, message: f.message, delay: f.retryInMs ?? 1000 }));
    const client = await sqlPool().connect();
    try {
      await client.query("begin");
      if (terminal.length) {
        const { rows } = await client.query<{ action_run_id: number; status: string }>({
          name: "vigil_finish_app_runs",
          text: `update app_runs r set status = d.status, message = d.message, result_data = d.result_data,
                   result_summary = jsonb_build_object('total_objects', d.total, 'total_objects_successful', d.ok),
                   exception_occured = d.exception, lease_owner = null, lease_expires_at = null, end_time = now(), update_time = now()
                 from jsonb_to_recordset($2::jsonb) as d(id int, attempt int, status text, message text, result_data jsonb, ok int, total int, exception boolean)
                 where r.id = d.id and r.lease_owner = $1 and r.attempt = d.attempt and r.status = 'running'
                 returning r.action_run_id, r.status`,
          values: [this.id, JSON.stringify(terminal)],
        });
        const deltas: Settlement = new Map();
        for (const r of rows) {
          const d = deltas.get(r.action_run_id) ?? { ok: 0, bad: 0, cancelled: 0 };
          if (r.status === "success") d.ok++;
          else if (r.status === "cancelled") d.cancelled++;
          else d.bad++;
          deltas.set(r.action_run_id, d);
        }
        if (deltas.size) await client.query(SETTLE_SQL, settleParams(deltas));
      }
      if (retries.length) {
        await client.query(
          `update app_runs r set status = 'pending', message = d.message, run_after = now() + d.delay * interval '1 millisecond',
             lease_owner = null, lease_expires_at = null, update_time = now()
           from jsonb_to_recordset($2::jsonb) as d(id int, attempt int, message text, delay int)
           where r.id = d.id and r.lease_owner = $1 and r.attempt = d.attempt and r.status = 'running'`,
          [this.id, JSON.stringify(retries)]);
      }
      await client.query("commit");
    } catch (err) {
      await client.query("rollback").catch(() => {});
      throw err;
    } finally {
      client.release();
    }
    for (const r of retries) setTimeout(() => this.wake(), r.delay + 5).unref();
  }
}
