// Action runs: "run this action on these assets with these parameter sets". One request fans
// out into one app run per asset and parameter set, written with the action run, its audit row
// and the NOTIFY that wakes the workers in one transaction: the run exists exactly when the
// workers are told about it. The job runner (lib/jobs) then owns the app runs; the action run's
// aggregate status follows from counters the runner settles (settleActionRuns).
import { randomUUID } from "node:crypto";
import { Prisma, type ActionRun, type AppRun } from "@prisma/client";
import { db, type Tx } from "../db/client";
import type { AppManifest, ManifestAction } from "../schemas/app-manifest";
import type { NewActionRun } from "../schemas/assets";
import type { Actor } from "./actor";
import { assetsNeedingApproval, openApprovals } from "./approvals";
import { appendAudit } from "./audit";
import { DomainError } from "./errors";
import { field, runList, type FieldMap, type ListQuery, type Page } from "./list-query";
import { inTransaction } from "./transactions";

/** The channel workers LISTEN on; the payload says what happened. */
export const RUNS_CHANNEL = "vigil_app_runs";
export const MAX_FAN_OUT = 10_000;
export const DEFAULT_TIMEOUT_S = 120;
export const DEFAULT_ATTEMPTS = 3;

function invalid(message: string, fieldName?: string): DomainError {
  return new DomainError("invalid", message, fieldName);
}

/** One parameter set checked against the action's parameters, defaults filled in. */
export function checkParameters(action: ManifestAction, given: Record<string, unknown>, where: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(given)) {
    // Phantom adds a context ({guid, artifact_id, parent_action_run}) to every parameter set.
    if (key === "context") {
      out.context = value;
      continue;
    }
    const def = action.parameters[key];
    if (!def) throw invalid(`${where}.${key}: "${action.action}" has no parameter ${key} (it takes ${Object.keys(action.parameters).join(", ") || "none"})`, key);
    if (value === null || value === undefined) continue;
    const ok = def.data_type === "numeric" ? typeof value === "number" && Number.isFinite(value) : def.data_type === "boolean" ? typeof value === "boolean" : typeof value === "string";
    if (!ok) throw invalid(`${where}.${key}: expected ${def.data_type === "numeric" ? "a number" : def.data_type === "boolean" ? "true or false" : "text"}`, key);
    if (def.value_list?.length && !def.value_list.includes(value as string)) throw invalid(`${where}.${key}: expected one of ${def.value_list.join(", ")}`, key);
    out[key] = value;
  }
  for (const [key, def] of Object.entries(action.parameters)) {
    if (out[key] !== undefined) continue;
    if (def.default !== undefined && def.default !== "") out[key] = def.default;
    else if (def.required) throw invalid(`${where}.${key}: required by "${action.action}"`, key);
  }
  return out;
}

interface PlannedRun {
  assetId: number;
  appId: number;
  identifier: string;
  parameter: Record<string, unknown>;
  timeoutMs: number;
}

/**
 * Asset look-ups shared by the plans of one batch (the playbook engine plans the actions of up to
 * a batch of runs at once, mostly on the same assets): one query per distinct asset list.
 */
export type AssetLookups = Map<string, ReturnType<typeof findAssets>>;

function findAssets(ids: number[], names: string[]) {
  return db.asset.findMany({ where: { OR: [{ id: { in: ids } }, { name: { in: names } }] }, include: { app: true } });
}

async function plan(input: Pick<NewActionRun, "action" | "type" | "targets">, lookups?: AssetLookups): Promise<{ runs: PlannedRun[]; targets: unknown[]; type: string }> {
  const runs: PlannedRun[] = [];
  const targets: unknown[] = [];
  let type: string | undefined;
  for (const [t, target] of input.targets.entries()) {
    const ids = target.assets.filter((a): a is number => typeof a === "number");
    const names = target.assets.filter((a): a is string => typeof a === "string");
    const key = JSON.stringify([ids, names]);
    let found = lookups?.get(key);
    if (!found) {
      found = findAssets(ids, names);
      lookups?.set(key, found);
    }
    const assets = await found;
    const resolved = target.assets.map((ref, i) => {
      const asset = assets.find((a) => (typeof ref === "number" ? a.id === ref : a.name === ref));
      if (!asset) throw invalid(`targets[${t}].assets[${i}]: no asset ${JSON.stringify(ref)}`, "assets");
      if (asset.disabled) throw invalid(`targets[${t}].assets[${i}]: the asset "${asset.name}" is disabled`, "assets");
      if (!asset.app.enabled) throw invalid(`targets[${t}].assets[${i}]: the app "${asset.app.name}" of asset "${asset.name}" is disabled`, "assets");
      const appRef = target.app_id;
      if (appRef !== undefined && appRef !== asset.app.id && appRef !== asset.app.appid) {
        throw invalid(`targets[${t}].app_id: the asset "${asset.name}" belongs to the app ${asset.app.id} (${asset.app.name})`, "app_id");
      }
      return asset;
    });
    for (const asset of resolved) {
      const manifest = asset.app.manifest as unknown as AppManifest;
      const action = manifest.actions.find((a) => a.action === input.action);
      if (!action) throw invalid(`action: the ${asset.app.name} app (asset "${asset.name}") has no action "${input.action}"`, "action");
      type ??= action.type;
      const timeoutMs = (asset.timeoutSeconds ?? action.timeout_seconds ?? DEFAULT_TIMEOUT_S) * 1000;
      target.parameters.forEach((p, i) => {
        runs.push({ assetId: asset.id, appId: asset.app.id, identifier: action.identifier, parameter: checkParameters(action, p, `targets[${t}].parameters[${i}]`), timeoutMs });
      });
      if (runs.length > MAX_FAN_OUT) throw invalid(`targets: at most ${MAX_FAN_OUT} app runs per action run (assets x parameter sets)`, "targets");
    }
    targets.push({ app_id: resolved[0]!.app.id, assets: resolved.map((a) => a.id), parameters: target.parameters });
  }
  return { runs, targets, type: input.type ?? type ?? "generic" };
}

export async function createActionRun(input: NewActionRun, actor: Actor): Promise<ActionRun> {
  const planned = await planActionRun(input);
  return inTransaction((tx) => insertActionRun(tx, planned, actor));
}

/** An asset's "test connectivity": the app's test action on that asset, in no container. */
export async function testAssetConnectivity(assetId: number, actor: Actor): Promise<ActionRun> {
  const asset = await db.asset.findUnique({ where: { id: assetId }, include: { app: true } });
  if (!asset) throw new DomainError("not_found", `asset ${assetId} does not exist`);
  const test = (asset.app.manifest as unknown as AppManifest).actions.find((a) => a.type === "test");
  if (!test) throw invalid(`the ${asset.app.name} app has no test connectivity action`);
  const planned = await planActionRun({ action: test.action, container_id: null, name: `test connectivity of ${asset.name}`, targets: [{ assets: [assetId], parameters: [{}] }] });
  return inTransaction((tx) => insertActionRun(tx, planned, actor));
}

/** What an action run needs; only test connectivity runs in no container. */
type ActionRunInput = Pick<NewActionRun, "action" | "name" | "type" | "targets"> & { container_id: number | null };

export type PlannedActionRun = Awaited<ReturnType<typeof plan>> & { input: ActionRunInput; name: string };

/** Checks an action run (container, assets, parameters) and plans its app runs; writes nothing. */
export async function planActionRun(input: ActionRunInput, opts: { containerKnown?: boolean; lookups?: AssetLookups } = {}): Promise<PlannedActionRun> {
  if (input.container_id !== null && !opts.containerKnown) {
    const container = await db.container.findUnique({ where: { id: input.container_id }, select: { id: true } });
    if (!container) throw invalid(`container_id: container ${input.container_id} does not exist`, "container_id");
  }
  return { ...(await plan(input, opts.lookups)), input, name: input.name || `user initiated ${input.action} action` };
}

/** Writes a planned action run inside the caller's transaction (a playbook step commits it with its own record). */
export async function insertActionRun(tx: Tx, planned: PlannedActionRun, actor: Actor, opts: { notify?: boolean } = {}): Promise<ActionRun> {
  const { runs, targets, type, input, name } = planned;
  // Assets that require approval for this action: their app runs wait (status "approval", never
  // claimed by the job runner) until an owner answers (./approvals.ts).
  const gated = await assetsNeedingApproval(tx, [...new Set(runs.map((r) => r.assetId))], type, input.action);
  const run = await tx.actionRun.create({
    data: {
      name, action: input.action, type, containerId: input.container_id, creatorId: actor.id, creatorName: actor.name,
      targets: targets as Prisma.InputJsonArray, total: runs.length, remaining: runs.length,
      message: gated.size ? `waiting for approval (${[...gated.values()].map((a) => a.name).join(", ")})` : "",
    },
  });
  await appendAudit(tx, actor, {
    action: "action_run.create", objectType: "action_run", objectId: run.id, containerId: input.container_id,
    detail: { action: input.action, name, app_runs: runs.length },
  });
  // Last before the NOTIFY and commit: a run's create_time (its insertion) is when it is enqueued.
  await tx.appRun.createMany({
    data: runs.map((r) => ({
      actionRunId: run.id, containerId: input.container_id, assetId: r.assetId, appId: r.appId, action: input.action,
      identifier: r.identifier, parameter: r.parameter as Prisma.InputJsonObject, timeoutMs: r.timeoutMs,
      maxAttempts: DEFAULT_ATTEMPTS, idempotencyKey: randomUUID(), status: gated.has(r.assetId) ? "approval" : "pending",
    })),
  });
  if (gated.size) await openApprovals(tx, { id: run.id, action: input.action, containerId: input.container_id }, gated, actor);
  // Inside the transaction: PostgreSQL delivers it at commit, never for a rolled-back run.
  // (A caller writing many action runs in one transaction notifies once itself.)
  if (opts.notify !== false) await tx.$executeRaw`select pg_notify(${RUNS_CHANNEL}, 'new')`;
  return run;
}

/**
 * Writes many planned action runs in the caller's transaction (the playbook engine's batch of
 * turns): the approval check, every action run and app run in one statement each rather than
 * three ORM calls per action run, the audit rows through appendAudit (batched by the caller's
 * withBatchedAudit). Returns the ids in the order given. An action run on an asset that needs
 * approval goes the one-by-one way (insertActionRun), which opens its approvals. No NOTIFY.
 */
export async function insertActionRuns(tx: Tx, items: { planned: PlannedActionRun; actor: Actor }[]): Promise<number[]> {
  if (items.length === 0) return [];
  const gates = items.map(({ planned }, k) => ({ k, type: planned.type, action: planned.input.action, assets: [...new Set(planned.runs.map((r) => r.assetId))] }));
  const gated = new Set((await tx.$queryRaw<{ k: number }[]>`
    select distinct g.k from jsonb_to_recordset(${JSON.stringify(gates)}::jsonb) as g(k int, type text, action text, assets int[])
    join assets a on a.id = any(g.assets) and (g.type = any(a.approval_required_for) or g.action = any(a.approval_required_for))`).map((r) => r.k));
  const ids = new Array<number>(items.length);
  for (const k of gated) ids[k] = (await insertActionRun(tx, items[k]!.planned, items[k]!.actor, { notify: false })).id;
  const rows = items.flatMap(({ planned: { runs, targets, type, input, name }, actor }, k) => gated.has(k) ? [] : [{
    k, name, action: input.action, type, container_id: input.container_id, creator: actor.id, creator_name: actor.name, targets, total: runs.length,
    runs: runs.map((r, n) => ({ n, asset_id: r.assetId, app_id: r.appId, identifier: r.identifier, parameter: r.parameter, timeout_ms: r.timeoutMs, key: randomUUID() })),
  }]);
  if (rows.length > 0) {
    // x is read twice, so PostgreSQL materialises it: each action run takes its id once.
    const made = await tx.$queryRaw<{ k: number; id: number }[]>`
      with x as (
        select r.*, nextval(pg_get_serial_sequence('action_runs', 'id'))::int as id
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(k int, name text, action text, type text, container_id int,
          creator int, creator_name text, targets jsonb, total int, runs jsonb)),
      a as (
        insert into action_runs (id, name, action, type, container_id, creator, creator_name, targets, total, remaining)
        select id, name, action, type, container_id, creator, creator_name, targets, total, total from x order by k),
      ap as (
        insert into app_runs (action_run_id, container_id, asset_id, app_id, action, identifier, parameter, timeout_ms, max_attempts, idempotency_key, status)
        select x.id, x.container_id, p.asset_id, p.app_id, x.action, p.identifier, p.parameter, p.timeout_ms, ${DEFAULT_ATTEMPTS}, p.key, 'pending'
        from x cross join lateral jsonb_to_recordset(x.runs) as p(n int, asset_id int, app_id int, identifier text, parameter jsonb, timeout_ms int, key text)
        order by x.k, p.n)
      select k, id from x`;
    for (const m of made) ids[m.k] = m.id;
  }
  for (const [k, { planned: { runs, input, name }, actor }] of items.entries()) {
    if (gated.has(k)) continue;
    await appendAudit(tx, actor, {
      action: "action_run.create", objectType: "action_run", objectId: ids[k], containerId: input.container_id,
      detail: { action: input.action, name, app_runs: runs.length },
    });
  }
  return ids;
}

/** $1 action run ids (sorted: rows are locked in one order), $2 succeeded, $3 failed, $4 cancelled. */
export const SETTLE_SQL = `
  update action_runs ar set
    remaining = ar.remaining - (d.ok + d.bad + d.cancelled),
    succeeded = ar.succeeded + d.ok,
    failed = ar.failed + d.bad,
    status = case
      when ar.remaining - (d.ok + d.bad + d.cancelled) > 0 then case when ar.status = 'pending' then 'running' else ar.status end
      when ar.succeeded + d.ok = ar.total then 'success'
      when ar.succeeded + d.ok > 0 then 'partial'
      when ar.failed + d.bad > 0 then 'failed'
      else 'cancelled' end,
    message = case when ar.remaining - (d.ok + d.bad + d.cancelled) > 0 then ar.message
      else concat_ws(', ', (ar.succeeded + d.ok) || ' action' || case when ar.succeeded + d.ok = 1 then '' else 's' end || ' succeeded',
        nullif((ar.failed + d.bad) || ' failed', '0 failed'),
        nullif((ar.total - ar.succeeded - d.ok - ar.failed - d.bad) || ' cancelled', '0 cancelled')) end,
    close_time = case when ar.remaining - (d.ok + d.bad + d.cancelled) > 0 then null else now() end,
    update_time = now()
  from unnest($1::int[], $2::int[], $3::int[], $4::int[]) as d(id, ok, bad, cancelled)
  where ar.id = d.id`;

export type Settlement = Map<number, { ok: number; bad: number; cancelled: number }>;

/**
 * Applies finished app runs to their action runs' counters, one statement per batch; the last
 * app run to finish sets the aggregate status: success (all succeeded), partial (some did),
 * failed (none did, some failed), cancelled (all were cancelled).
 */
export function settleParams(deltas: Settlement): unknown[] {
  const ids = [...deltas.keys()].sort((a, b) => a - b);
  const get = (k: "ok" | "bad" | "cancelled") => ids.map((id) => deltas.get(id)![k]);
  return [ids, get("ok"), get("bad"), get("cancelled")];
}

/**
 * Cancels an action run: its pending app runs are cancelled here; running ones are told to
 * abort (NOTIFY) and are recorded by the worker running them when their handler returns.
 */
export async function cancelActionRun(id: number, actor: Actor): Promise<ActionRun> {
  return inTransaction(async (tx) => {
    const [run] = await tx.$queryRaw<ActionRun[]>`select * from action_runs where id = ${id} for update`;
    if (!run) throw new DomainError("not_found", `action run ${id} does not exist`);
    const cancelled = await tx.$executeRaw`
      update app_runs set status = 'cancelled', message = 'cancelled before it started', end_time = now(), update_time = now()
      where action_run_id = ${id} and status in ('pending', 'approval')`;
    // Approvals still waiting have nothing left to approve.
    await tx.$executeRaw`update sla_timers set state = 'cancelled', due_at = null, running_since = null
      where object_type = 'approval' and object_id in (select id from approvals where action_run_id = ${id} and status = 'pending')`;
    await tx.$executeRaw`update approvals set status = 'cancelled' where action_run_id = ${id} and status = 'pending'`;
    await tx.$executeRaw`update action_runs set cancelled = coalesce(cancelled, now()) where id = ${id}`;
    if (cancelled) await tx.$executeRawUnsafe(SETTLE_SQL, ...settleParams(new Map([[id, { ok: 0, bad: 0, cancelled }]])));
    await appendAudit(tx, actor, { action: "action_run.cancel", objectType: "action_run", objectId: id, containerId: run.containerId, detail: { cancelled_app_runs: cancelled } });
    await tx.$executeRaw`select pg_notify(${RUNS_CHANNEL}, ${`cancel:${id}`})`;
    return (await tx.actionRun.findUnique({ where: { id } }))!;
  });
}

export async function getActionRun(id: number): Promise<ActionRun> {
  const run = await db.actionRun.findUnique({ where: { id } });
  if (!run) throw new DomainError("not_found", `action run ${id} does not exist`);
  return run;
}

const ACTION_RUN_FIELDS: FieldMap = {
  id: field("id", "int"), container: field("container_id", "int"), status: field("status", "text"), action: field("action", "text"),
  name: field("name", "text"), type: field("type", "text"), creator: field("creator", "int"), owner: field("creator", "int"),
};

export function listActionRuns(query: ListQuery): Promise<Page<ActionRun>> {
  return runList<ActionRun>({
    select: Prisma.sql`id, name, action, type, container_id as "containerId", creator as "creatorId", creator_name as "creatorName", status, message, targets,
      total, remaining, succeeded, failed, cancelled as "cancelledAt", create_time as "createdAt", update_time as "updatedAt", close_time as "closedAt"`,
    from: Prisma.sql`action_runs`, fields: ACTION_RUN_FIELDS, query, idColumn: Prisma.sql`id`,
  });
}

export type AppRunRecord = AppRun & { appName: string; appVersion: string; assetName: string };

const APP_RUN_SELECT = Prisma.sql`r.id, r.action_run_id as "actionRunId", r.container_id as "containerId", r.asset_id as "assetId", r.app_id as "appId",
  r.action, r.identifier, r.parameter, r.status, r.attempt, r.max_attempts as "maxAttempts", r.timeout_ms as "timeoutMs",
  r.idempotency_key as "idempotencyKey", r.lease_owner as "leaseOwner", r.lease_expires_at as "leaseExpiresAt", r.run_after as "runAfter",
  r.message, r.result_data as "resultData", r.result_summary as "resultSummary", r.exception_occured as "exceptionOccured",
  r.create_time as "createdAt", r.start_time as "startedAt", r.end_time as "endedAt", r.update_time as "updatedAt",
  a.name as "appName", a.app_version as "appVersion", s.name as "assetName"`;
const APP_RUN_FROM = Prisma.sql`app_runs r join apps a on a.id = r.app_id join assets s on s.id = r.asset_id`;
const APP_RUN_FIELDS: FieldMap = {
  id: field("r.id", "int"), action_run: field("r.action_run_id", "int"), container: field("r.container_id", "int"),
  asset: field("r.asset_id", "int"), app: field("r.app_id", "int"), status: field("r.status", "text"), action: field("r.action", "text"),
};

export function listAppRuns(query: ListQuery): Promise<Page<AppRunRecord>> {
  return runList<AppRunRecord>({ select: APP_RUN_SELECT, from: APP_RUN_FROM, fields: APP_RUN_FIELDS, query, idColumn: Prisma.sql`r.id` });
}

export async function getAppRun(id: number): Promise<AppRunRecord> {
  const [row] = await db.$queryRaw<AppRunRecord[]>`select ${APP_RUN_SELECT} from ${APP_RUN_FROM} where r.id = ${id}`;
  if (!row) throw new DomainError("not_found", `app run ${id} does not exist`);
  return row;
}

/** A container's app runs for its activity timeline, newest first. */
export function containerAppRuns(containerId: number, limit: number): Promise<AppRunRecord[]> {
  return db.$queryRaw<AppRunRecord[]>`select ${APP_RUN_SELECT} from ${APP_RUN_FROM} where r.container_id = ${containerId} order by r.id desc limit ${limit}`;
}
