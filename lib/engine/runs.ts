// Durable runs on PostgreSQL. A worker claims runs that have work (`ready`) with FOR UPDATE SKIP
// LOCKED and a lease, runs one turn of each in memory (lib/engine/interpreter.ts) and commits the
// turn in one transaction: run state, step rows, log rows, callbacks, child runs and the container
// changes the blocks asked for. A worker killed mid-turn commits nothing; the lease expires and
// another worker replays the turn from the last committed state, so nothing is lost or repeated.
//
// Round trips per turn (however many synchronous blocks it runs): claim (1 statement for up to
// `batch` runs), load (containers, artifacts, finished callbacks: 3 statements for the whole
// batch; playbooks are cached per version), commit (one transaction for the whole batch: BEGIN,
// run rows, steps, log, callbacks, action runs with their app runs, notes and audit rows in one
// statement each for the batch, then the other container changes one by one, COMMIT). A batch
// that fails is committed again run by run. Measured in docs/benchmarks.md (statements per run).
import { db, type Tx } from "../db/client";
import { sql } from "../db/sql";
import type { Actor } from "../domain/actor";
import { insertActionRuns, RUNS_CHANNEL, type PlannedActionRun } from "../domain/action-runs";
import { withBatchedAudit } from "../domain/audit";
import { applyEffect, insertNotes } from "../domain/playbook-effects";
import { DomainError } from "../domain/errors";
import type { Artifact } from "./collect";
import type { TurnOutput } from "./interpreter";
import type { Completion, EffectBody, RunState } from "./types";

export const ENGINE_CHANNEL = "vigil_playbooks";

export interface ClaimedRun {
  id: number; playbook_id: number; playbook_version: number; container_id: number; parent_run_id: number | null;
  scope: string; artifact_floor: number; artifact_max: number; inputs: Record<string, unknown>; state: Partial<RunState>;
  deadline: Date; start_time: Date; started_by: string;
}

export async function claimRuns(owner: string, batch: number, leaseMs: number): Promise<ClaimedRun[]> {
  return sql<ClaimedRun>("engine_claim", `
    update playbook_runs r set lease_owner = $1, lease_until = now() + make_interval(secs => $2::float8 / 1000)
    where r.id in (
      select id from playbook_runs where status = 'running' and ready and (lease_until is null or lease_until < now())
      order by id limit $3 for update skip locked)
    returning r.id, r.playbook_id, r.playbook_version, r.container_id, r.parent_run_id, r.scope, r.artifact_floor,
      r.artifact_max, r.inputs, r.state, r.deadline, r.start_time, r.started_by`, [owner, leaseMs, batch]);
}

export interface TurnData {
  containers: Map<number, Record<string, unknown>>;
  artifacts: Map<number, Artifact[]>;
  completions: Map<number, (Completion & { id: number })[]>;
}

/** Containers, artifacts and finished callbacks of a batch of runs, in three statements. */
export async function loadTurnData(runs: Pick<ClaimedRun, "id" | "container_id" | "artifact_max">[]): Promise<TurnData> {
  const containerIds = [...new Set(runs.map((r) => r.container_id))];
  const [containers, artifacts, callbacks] = await Promise.all([
    sql<Record<string, unknown> & { id: number }>("engine_containers", `
      select c.id, c.name, c.description, c.label, c.severity, c.sensitivity, c.status, c.owner_id, u.username as owner_name,
        c.tags, c.source_data_identifier, c.container_type, c.custom_fields, c.data, c.artifact_count,
        c.parent_container_id as parent_container, c.create_time, c.due_time
      from containers c left join users u on u.id = c.owner_id where c.id = any($1)`, [containerIds]),
    sql<Artifact & { container_id: number }>("engine_artifacts", `
      select id, container_id, name, label, type, severity, cef, cef_types, tags, source_data_identifier, data, description
      from artifacts where container_id = any($1) and id <= $2 order by id`, [containerIds, Math.max(...runs.map((r) => r.artifact_max), 0)]),
    sql<{ id: number; run_id: number; block_id: string; kind: string; result: Record<string, unknown>; callback: string | null }>("engine_callbacks",
      "select id, run_id, block_id, kind, result, detail->>'callback' as callback from playbook_callbacks where run_id = any($1) and status = 'done' order by id",
      [runs.map((r) => r.id)]),
  ]);
  const byContainer = new Map<number, Artifact[]>();
  for (const a of artifacts) {
    const list = byContainer.get(a.container_id) ?? [];
    list.push(a);
    byContainer.set(a.container_id, list);
  }
  const completions = new Map<number, (Completion & { id: number })[]>();
  for (const c of callbacks) {
    const list = completions.get(c.run_id) ?? [];
    list.push({ id: c.id, blockId: c.block_id, kind: c.kind, result: c.result ?? {}, callback: c.callback });
    completions.set(c.run_id, list);
  }
  return { containers: new Map(containers.map((c) => [c.id, { ...c, owner: c.owner_name }])), artifacts: byContainer, completions };
}

/** The artifacts a run sees: those it has not processed (scope new) or all, up to its start. */
export function scopedArtifacts(run: ClaimedRun, all: Artifact[]): Artifact[] {
  return all.filter((a) => a.id <= run.artifact_max && (run.scope === "all" || a.id > run.artifact_floor));
}

export class LeaseLost extends Error {}
/** A container change a block asked for was refused (a status that does not exist ...). */
export class EffectRefused extends Error {
  constructor(readonly runId: number, readonly blockId: string, message: string) { super(message); }
}

export interface ChildRef { blockId: string; playbookId: number; version: number; inputs: Record<string, unknown>; synchronous: boolean; callback?: string | null }

const j = (v: unknown) => JSON.stringify(v ?? null);

export interface TurnCommit {
  run: ClaimedRun; turn: TurnOutput; consumed: number[]; children: ChildRef[]; actor: Actor;
  /** Action runs to create, checked before the transaction, by the block that waits for them. */
  actions: Map<string, PlannedActionRun>;
}

/** Commits one turn; throws LeaseLost when another worker owns the run now (nothing is written). */
export async function commitTurn(owner: string, run: ClaimedRun, turn: TurnOutput, consumed: number[], children: ChildRef[], actor: Actor): Promise<void> {
  await commitTurns(owner, [{ run, turn, consumed, children, actor, actions: new Map() }]);
}

/**
 * Commits the turns of several runs in one transaction: one statement each for the run rows,
 * steps, log, callbacks, action runs and notes, then the other container changes. All or nothing:
 * when one run's change is refused or a lease was lost, the caller commits them one by one.
 */
export async function commitTurns(owner: string, items: TurnCommit[]): Promise<void> {
  const now = new Date();
  await db.$transaction((tx) => withBatchedAudit(tx, async () => {
    const rows = items.map(({ run, turn: { state, finished: f } }) => ({
      id: run.id, state, status: f ? f.status : "running", message: f ? f.message : "", outputs: f?.outputs ?? {}, ended: f !== null,
    }));
    const updated = await tx.$executeRaw`
      update playbook_runs r set state = v.state, ready = false, lease_owner = null, lease_until = null, status = v.status,
        message = v.message, outputs = v.outputs, end_time = case when v.ended then ${now}::timestamptz end
      from jsonb_to_recordset(${j(rows)}::jsonb) as v(id int, state jsonb, status text, message text, outputs jsonb, ended boolean)
      where r.id = v.id and r.lease_owner = ${owner} and r.status = 'running'`;
    if (updated !== items.length) throw new LeaseLost(`some of runs ${items.map((i) => i.run.id).join(", ")} are no longer leased to ${owner}`);
    // Steps, log lines and callbacks of the whole batch: one statement each (raw SQL: the ORM's
    // createMany costs several times the CPU per row, measured in docs/benchmarks.md).
    const steps = items.flatMap(({ run, turn }) => turn.steps.map((s) => ({ ...s, runId: run.id })));
    if (steps.length > 0) {
      await tx.$executeRaw`
        insert into playbook_steps (run_id, block_id, block_name, block_type, status, inputs, outputs, error, start_time, end_time)
        select "runId", "blockId", "blockName", "blockType", status, coalesce(inputs, '{}'), coalesce(outputs, '{}'), error, "startedAt", "endedAt"
        from jsonb_to_recordset(${j(steps)}::jsonb) as s("runId" int, "blockId" text, "blockName" text, "blockType" text, status text,
          inputs jsonb, outputs jsonb, error text, "startedAt" timestamptz, "endedAt" timestamptz)`;
    }
    const logs = items.flatMap(({ run, turn }) => turn.logs.map((l, n) => ({ n, runId: run.id, blockId: l.blockId, level: l.level, message: l.message, detail: l.detail ?? {} })));
    if (logs.length > 0) {
      await tx.$executeRaw`
        insert into playbook_run_log (run_id, block_id, level, message, detail)
        select "runId", "blockId", level, message, coalesce(detail, '{}') from jsonb_to_recordset(${j(logs)}::jsonb)
          as l(n int, "runId" int, "blockId" text, level text, message text, detail jsonb) order by "runId", n`;
    }
    const consumed = items.flatMap((i) => i.consumed);
    if (consumed.length > 0) await tx.$executeRaw`update playbook_callbacks set status = 'consumed' where id = any(${consumed})`;
    // A callback that finished after this turn read its completions (a second action of the run
    // settling meanwhile) set ready before the update above cleared it: keep such runs ready, or
    // they wait for a wake-up that already happened (seen with two VirusTotal actions ending together).
    await tx.$executeRaw`
      update playbook_runs r set ready = true where r.id = any(${items.map((i) => i.run.id)}) and r.status = 'running'
        and exists (select 1 from playbook_callbacks cb where cb.run_id = r.id and cb.status = 'done')`;
    // The action runs a turn starts commit with it: started once, however often the turn is replayed.
    const wanted = items.flatMap(({ turn, actions, actor }) => turn.callbacks.flatMap((c) => {
      const planned = c.kind === "action" ? actions.get(c.blockId) : undefined;
      return planned ? [{ callback: c, planned, actor }] : [];
    }));
    const actionIds = await insertActionRuns(tx, wanted);
    wanted.forEach((w, k) => (w.callback.refId = actionIds[k]));
    // One wake-up for the job runner, delivered at commit, for all of the batch's action runs.
    if (wanted.length > 0) await tx.$executeRaw`select pg_notify(${RUNS_CHANNEL}, 'new')`;
    // A code playbook's action that could not start is born done with its failed result.
    const callbacks = items.flatMap(({ run, turn }) => turn.callbacks.map((c) => ({
      runId: run.id, blockId: c.blockId, kind: c.kind, refId: c.refId ?? null, detail: c.detail ?? {}, due: c.due ?? null,
      status: c.failedResult ? "done" : "pending", result: c.failedResult ?? null, doneAt: c.failedResult ? now : null,
    })));
    if (callbacks.length > 0) {
      await tx.$executeRaw`
        insert into playbook_callbacks (run_id, block_id, kind, ref_id, detail, due, status, result, done_time)
        select "runId", "blockId", kind, "refId", coalesce(detail, '{}'), due, status, result, "doneAt" from jsonb_to_recordset(${j(callbacks)}::jsonb)
          as c("runId" int, "blockId" text, kind text, "refId" int, detail jsonb, due timestamptz, status text, result jsonb, "doneAt" timestamptz)`;
    }
    // A callback born finished wakes its run at once (its callback runs on the next turn).
    const woken = items.filter(({ turn }) => turn.callbacks.some((c) => c.failedResult)).map(({ run }) => run.id);
    if (woken.length > 0) await tx.$executeRaw`update playbook_runs set ready = true where id = any(${woken}) and status = 'running'`;
    // Notes, the commonest container change, for every run whose changes are all notes: one
    // statement for the batch (audit rows through appendAudit, batched). Other runs' changes go
    // through the domain functions one by one, in the order the blocks asked for them.
    const noteOnly = new Set(items.filter(({ turn }) => turn.effects.length > 0 && turn.effects.every((e) => e.kind === "note")));
    await insertNotes(tx, [...noteOnly].flatMap(({ run, turn, actor }) => turn.effects.map((e) => ({ containerId: run.container_id, effect: e as Extract<EffectBody, { kind: "note" }>, actor }))));
    let notify = false;
    for (const item of items) {
      const { run, turn, children, actor } = item;
      for (const e of noteOnly.has(item) ? [] : turn.effects) {
        try {
          await applyEffect(tx, run.container_id, e, actor);
        } catch (err) {
          if (err instanceof DomainError) throw new EffectRefused(run.id, e.blockId, err.message);
          throw err;
        }
      }
      for (const c of children) await startChild(tx, run, c);
      const f = turn.finished;
      if (f && run.parent_run_id !== null) await resolveCallback(tx, "playbook", run.id, { status: f.status, message: f.message, outputs: f.outputs });
      notify ||= children.length > 0 || (f !== null && run.parent_run_id !== null);
    }
    if (notify) await tx.$executeRaw`select pg_notify(${ENGINE_CHANNEL}, '')`;
  }), { maxWait: 30_000, timeout: 30_000 });
}

async function startChild(tx: Tx, parent: ClaimedRun, c: ChildRef): Promise<void> {
  const rows = await tx.$queryRaw<{ id: number }[]>`
    insert into playbook_runs (playbook_id, playbook_version, container_id, parent_run_id, parent_block, scope, artifact_floor, artifact_max, inputs, deadline, started_by)
    values (${c.playbookId}, ${c.version}, ${parent.container_id}, ${parent.id}, ${c.blockId}, ${parent.scope}, ${parent.artifact_floor},
      ${parent.artifact_max}, ${j(c.inputs)}::jsonb, ${parent.deadline}, ${`playbook run ${parent.id}`})
    returning id`;
  if (c.synchronous) {
    await tx.playbookCallback.create({ data: { runId: parent.id, blockId: c.blockId, kind: "playbook", refId: rows[0]!.id, detail: { callback: c.callback ?? null } } });
  }
}

/** Marks one pending callback done with its result and wakes its run. */
export async function completeCallback(tx: Tx, id: number, result: Record<string, unknown>): Promise<void> {
  const rows = await tx.$queryRaw<{ run_id: number }[]>`
    update playbook_callbacks set status = 'done', result = ${j(result)}::jsonb, done_time = now()
    where id = ${id} and status = 'pending' returning run_id`;
  if (rows.length > 0) await tx.$executeRaw`update playbook_runs set ready = true where id = ${rows[0]!.run_id} and status = 'running'`;
}

/** Marks the callback waiting on (kind, refId) done with its result and wakes its run. */
export async function resolveCallback(tx: Tx, kind: string, refId: number, result: Record<string, unknown>): Promise<number> {
  const rows = await tx.$queryRaw<{ run_id: number }[]>`
    update playbook_callbacks set status = 'done', result = ${j(result)}::jsonb, done_time = now()
    where kind = ${kind} and ref_id = ${refId} and status = 'pending' returning run_id`;
  if (rows.length > 0) await tx.$executeRaw`update playbook_runs set ready = true where id = any(${rows.map((r) => r.run_id)}) and status = 'running'`;
  return rows.length;
}

/**
 * Periodic housekeeping in two statements: prompts past their respond-by time resolve as timed
 * out, and runs past their time limit become ready so a worker fails them with a clear message.
 */
export async function sweep(): Promise<number> {
  const prompts = await sql<{ run_id: number }>("engine_sweep_prompts", `
    with t as (
      update playbook_callbacks set status = 'done', done_time = now(), result = jsonb_build_object('status', 'failed',
        'message', 'the prompt timed out', 'results', jsonb_build_array(jsonb_build_object('status', 'failed',
        'message', 'the prompt timed out', 'parameter', detail, 'data', '[]'::jsonb, 'summary', jsonb_build_object('responses', '[]'::jsonb))))
      where status = 'pending' and kind = 'prompt' and due < now() returning run_id)
    update playbook_runs set ready = true where id in (select run_id from t) and status = 'running' returning id as run_id`, []);
  const late = await sql<{ id: number }>("engine_sweep_deadline",
    "update playbook_runs set ready = true where status = 'running' and deadline < now() and not ready returning id", []);
  return prompts.length + late.length;
}

/** Default time limit of a run, seconds (VIGIL_PLAYBOOK_TIME_LIMIT_S). */
export const timeLimitSeconds = () => Number(process.env.VIGIL_PLAYBOOK_TIME_LIMIT_S ?? 3600);

/**
 * Turns "start playbooks" rows (written by the container and artifact insert triggers) into runs
 * of every active automation playbook whose labels match, in one statement: ordered by playbook
 * name then id, so the runs on a container start (and get their ids) in that defined order.
 */
export async function startTriggeredRuns(batch = 500): Promise<number> {
  const rows = await sql<{ id: number }>("engine_triggers", `
    with t as (
      delete from playbook_triggers where container_id in (
        select container_id from playbook_triggers order by create_time limit $1 for update skip locked)
      returning container_id),
    c as (select c.id, c.label from containers c join t on t.container_id = c.id)
    insert into playbook_runs (playbook_id, playbook_version, container_id, scope, artifact_floor, artifact_max, deadline, started_by)
    select p.id, p.version, c.id, 'new',
      coalesce((select max(r.artifact_max) from playbook_runs r where r.playbook_id = p.id and r.container_id = c.id), 0),
      coalesce((select max(a.id) from artifacts a where a.container_id = c.id), 0),
      now() + make_interval(secs => $2::float8), 'automation'
    from c join playbooks p on p.active and p.type = 'automation' and (p.labels @> array['*'] or c.label = any(p.labels))
    order by c.id, p.name, p.id
    returning id`, [batch, timeLimitSeconds()]);
  return rows.length;
}
