// The claim: one transaction takes due app runs for a worker and gives them a lease. See
// runner.ts for why the queue is Vigil's own table.
import { sqlPool } from "../db/sql";

/** One advisory lock serialises claims, so each asset's concurrency limit is counted exactly. */
const CLAIM_LOCK = 7_002_001;

export interface Claimed {
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
  /** The action run's container (null for test connectivity). */
  container_id: number | null;
  /** Who started the action run: capabilities (custom lists) act on their behalf. */
  creator_id: number | null;
  creator_name: string;
}

/**
 * Claims up to `limit` app runs for `workerId`: due pending runs (per asset at most its free
 * slots, so one asset's backlog never hides another's) and running runs whose lease expired
 * (their worker died), with attempt + 1 and a lease of `leaseMs`. `held` are the runs this worker
 * still has in hand: a lease of its own that ran out because its heartbeat was late (a starved
 * process, a slow database) is renewed by the next heartbeat, never claimed again by itself.
 */
export async function claimAppRuns(workerId: string, limit: number, leaseMs: number, held: number[] = []): Promise<Claimed[]> {
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
        (select id, asset_id, lease_expires_at from app_runs where status = 'running' and lease_expires_at <= now()
           and not (lease_owner = $1 and id = any($4::int[])) order by lease_expires_at limit $2)
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
        and (r.status = 'pending' or (r.status = 'running' and r.lease_expires_at <= now() and not (r.lease_owner = $1 and r.id = any($4::int[]))))
      returning r.id, r.action_run_id, ar.name as action_run_name, r.asset_id, s.version as asset_version, s.name as asset_name,
        r.identifier, r.action, r.parameter, r.attempt, r.max_attempts, r.timeout_ms, r.idempotency_key,
        ar.creator as creator_id, ar.creator_name, ar.container_id`,
      values: [workerId, limit, leaseMs, held],
    });
    await client.query("commit");
    return rows;
  } catch (err) {
    await client.query("rollback").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
