// Writes finished app runs: in batches (one transaction for everything finished within a few
// milliseconds), fenced on lease owner and attempt so a run is recorded and counted into its
// action run once, by the worker holding it. Retries go back to pending with their backoff.
import { sqlPool } from "../db/sql";
import { log } from "../log";
import { SETTLE_SQL, settleParams, type Settlement } from "../domain/action-runs";
import type { Claimed } from "./claim";

/** Tries of one batch's write before its runs are left to run again (about 6 s in all). */
const WRITE_ATTEMPTS = 7;

/** How long completions wait to be written together. */
export const BATCH_MS = 5;

export interface Finished {
  run: Claimed;
  status: "success" | "failed" | "cancelled" | "retry";
  message: string;
  resultData?: unknown[];
  /** The app threw (SOAR's exception_occured), rather than returning a failed result. */
  exception?: boolean;
  retryInMs?: number;
  /** The run's new count of processes that died under it, when one just did. */
  deaths?: number;
}

export class Recorder {
  private finished: Finished[] = [];
  /** Finished runs not yet written: the runner renews their leases until they are. */
  readonly unflushed = new Set<number>();
  private flushing: Promise<void> | null = null;

  constructor(private readonly workerId: string, private readonly onRetryDue: () => void) {}

  record(f: Finished): void {
    this.finished.push(f);
    this.unflushed.add(f.run.id);
    if (!this.flushing) this.flushing = this.flushLoop();
  }

  private async flushLoop(): Promise<void> {
    try {
      await new Promise((r) => setTimeout(r, BATCH_MS));
      while (this.finished.length) {
        const batch = this.finished.splice(0, 500);
        await this.writeWithRetries(batch);
        for (const f of batch) this.unflushed.delete(f.run.id);
      }
    } finally {
      this.flushing = null;
    }
  }

  /**
   * A batch's write can lose a deadlock against the heartbeat (both update app_runs rows, in no
   * set order) or meet a database restart. Dropping it would run every run in it again once
   * their leases expire, so it is tried again while its runs stay held (their leases renewed).
   */
  private async writeWithRetries(batch: Finished[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.writeBatch(batch);
      } catch (err) {
        if (attempt >= WRITE_ATTEMPTS) {
          log.error({ err, attempts: attempt }, "runner: recording finished app runs failed; their leases will expire and they run again");
          return;
        }
        log.warn({ err, attempt }, "runner: recording finished app runs failed; trying again");
        await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      }
    }
  }

  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async writeBatch(batch: Finished[]): Promise<void> {
    const terminal = batch.filter((f) => f.status !== "retry").map((f) => ({
      id: f.run.id, attempt: f.run.attempt, status: f.status, message: f.message,
      result_data: f.resultData ?? [], ok: f.status === "success" ? 1 : 0, total: f.resultData?.length ?? 0, exception: f.exception ?? false,
      deaths: f.deaths ?? null,
    }));
    const retries = batch.filter((f) => f.status === "retry").map((f) => ({ id: f.run.id, attempt: f.run.attempt, message: f.message, delay: f.retryInMs ?? 1000, deaths: f.deaths ?? null }));
    const client = await sqlPool().connect();
    try {
      await client.query("begin");
      if (terminal.length) {
        const { rows } = await client.query<{ action_run_id: number; status: string }>({
          name: "vigil_finish_app_runs",
          text: `update app_runs r set status = d.status, message = d.message, result_data = d.result_data,
                   result_summary = jsonb_build_object('total_objects', d.total, 'total_objects_successful', d.ok),
                   exception_occured = d.exception, deaths = coalesce(d.deaths, r.deaths), lease_owner = null, lease_expires_at = null, end_time = now(), update_time = now()
                 from jsonb_to_recordset($2::jsonb) as d(id int, attempt int, status text, message text, result_data jsonb, ok int, total int, exception boolean, deaths int)
                 where r.id = d.id and r.lease_owner = $1 and r.attempt = d.attempt and r.status = 'running'
                 returning r.action_run_id, r.status`,
          values: [this.workerId, JSON.stringify(terminal)],
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
             deaths = coalesce(d.deaths, r.deaths), lease_owner = null, lease_expires_at = null, update_time = now()
           from jsonb_to_recordset($2::jsonb) as d(id int, attempt int, message text, delay int, deaths int)
           where r.id = d.id and r.lease_owner = $1 and r.attempt = d.attempt and r.status = 'running'`,
          [this.workerId, JSON.stringify(retries)]);
      }
      await client.query("commit");
    } catch (err) {
      await client.query("rollback").catch(() => {});
      throw err;
    } finally {
      client.release();
    }
    for (const r of retries) setTimeout(this.onRetryDue, r.delay + 5).unref();
  }
}
