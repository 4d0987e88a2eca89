// What `npm run bench:sla` adds to a `seed:scale` database before timing the SLA dashboard: the
// seed writes due, open and close times but no breaches, workbooks or approvals. Each step runs
// only when its data is missing, so a second run (or a real database) is left as it is.
import pg from "pg";

const BATCH = 20_000;

async function inBatches(client: pg.Client, sql: string, log: (s: string) => void, what: string): Promise<number> {
  const { lo, hi } = (await client.query<{ lo: number | null; hi: number | null }>("select min(id) lo, max(id) hi from containers")).rows[0]!;
  let n = 0;
  for (let from = lo ?? 0; hi !== null && from <= hi; from += BATCH) {
    n += (await client.query(sql, [from, from + BATCH - 1])).rowCount ?? 0;
    log(`  ${what}: ${n.toLocaleString("en")} rows (ids to ${Math.min(from + BATCH - 1, hi).toLocaleString("en")})`);
  }
  return n;
}

export async function fillSlaData(client: pg.Client, log: (s: string) => void): Promise<string[]> {
  const done: string[] = [];
  await client.query("set synchronous_commit = off");
  // Due times from the severities' response SLAs, for containers the seed left without one.
  const due = await inBatches(client, `update containers c set due_time = c.create_time + make_interval(mins => s.sla_minutes)
    from severities s where s.name = c.severity and s.sla_minutes is not null and c.due_time is null and c.id between $1 and $2`, log, "due times");
  if (due) done.push(`${due.toLocaleString("en")} due times`);
  const breached = (await client.query("select 1 from containers where sla_breached limit 1")).rowCount;
  if (!breached) {
    // What the SLA timer would have recorded: a breach wherever the event closed after its due
    // time, or is still open past it. Their running clocks are marked fired, so a `vigil start`
    // on this directory afterwards does not fire (and notify) every one of them at once.
    const n = await inBatches(client, `update containers set sla_breached = true
      where due_time < coalesce(close_time, now() at time zone 'utc') and id between $1 and $2`, log, "breaches");
    await client.query(`update sla_timers t set state = 'breached', fired_at = t.due_at, used_ms = t.budget_ms, running_since = null
      where t.object_type = 'container' and t.state = 'running' and t.due_at < now()`);
    done.push(`${n.toLocaleString("en")} breaches`);
  }
  const tasks = (await client.query("select 1 from workbook_tasks limit 1")).rowCount;
  if (!tasks) {
    // One phase of three tasks on each open event, owned by its owner, due 4 h after arrival.
    await client.query(`insert into workbook_phases (container_id, name, "order", owner_id, modified_time)
      select id, 'Triage', 1, owner_id, now() from containers where close_time is null`);
    const r = await client.query(`insert into workbook_tasks (container_id, phase_id, name, "order", owner_id, status, sla, due_time, sla_breached, modified_time)
      select p.container_id, p.id, n.name, n.o, p.owner_id, case when n.o = 1 then 2 else 0 end, 240,
        (c.create_time at time zone 'utc') + interval '4 hours', (c.create_time at time zone 'utc') + interval '4 hours' < now(), now()
      from workbook_phases p join containers c on c.id = p.container_id
        cross join (values (1, 'Scope the event'), (2, 'Contain affected hosts'), (3, 'Write the summary')) n(o, name)
      where p.name = 'Triage'`);
    done.push(`${(r.rowCount ?? 0).toLocaleString("en")} open workbook tasks`);
  }
  const approvals = (await client.query("select 1 from approvals limit 1")).rowCount;
  if (!approvals) done.push(...(await fillApprovals(client)));
  // The updates above left their deltas in sla_rollup; fold them as the worker would.
  await client.query("select vigil_sla_rollup_compact()");
  if (done.length) {
    log("  vacuum analyze ...");
    await client.query("vacuum analyze containers, sla_timers, workbook_phases, workbook_tasks, approvals, sla_rollup");
  }
  return done;
}

/** 300 pending approvals of `contain` actions over the last three days, on one bench asset. */
async function fillApprovals(client: pg.Client): Promise<string[]> {
  const app = (await client.query<{ id: number }>("select id from apps order by id limit 1")).rows[0];
  if (!app) return ["no approvals (no app installed to hang them on)"];
  const asset = (await client.query<{ id: number }>(`insert into assets (name, app_id) values ('bench-sla-firewall', $1)
    on conflict (name) do update set name = excluded.name returning id`, [app.id])).rows[0]!;
  const r = await client.query(`
    with c as (select id, row_number() over (order by id desc) as k from containers where close_time is null order by id desc limit 300),
    runs as (
      insert into action_runs (name, container_id, action, status, create_time)
      select 'bench block ip', id, 'block ip', 'running', now() - k * interval '14 minutes' from c returning id, container_id, create_time)
    insert into approvals (action_run_id, asset_id, container_id, status, stage, sla_minutes, due_at, sla_breached, create_time)
    select id, $1, container_id, 'pending', 1, 60, create_time + interval '1 hour', create_time + interval '1 hour' < now(), create_time from runs`, [asset.id]);
  return [`${r.rowCount ?? 0} pending approvals`];
}
