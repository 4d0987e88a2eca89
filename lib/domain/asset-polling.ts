// Ingest assets poll: the app's ingest ("on poll") action runs on the asset every interval, as
// an action run with no container, and the app saves what it finds with ctx.saveContainer.
// The schedule is columns of the asset (ingest_poll, ingest_interval_seconds, next_poll_time),
// so it survives restarts and is shared by every worker: each worker's scheduler takes due
// assets with FOR UPDATE SKIP LOCKED, one asset per transaction, starts the poll and moves
// next_poll_time in that same transaction, so one poll starts per due time however many
// workers look. A poll still running when the next is due is not started twice.
import type { ActionRun, App, Asset } from "@prisma/client";
import type { Tx } from "../db/client";
import { log } from "../log";
import type { AppManifest, ManifestAction } from "../schemas/app-manifest";
import type { IngestSettings } from "../schemas/assets";
import { insertActionRun, planActionRun } from "./action-runs";
import { SYSTEM, type Actor } from "./actor";
import { DomainError } from "./errors";
import { inTransaction } from "./transactions";

/** The app's ingest action: SOAR's `on_poll` identifier first, else the first of type ingest. */
export function ingestActionOf(manifest: Pick<AppManifest, "actions">): ManifestAction | undefined {
  const ingest = (manifest.actions ?? []).filter((a) => a.type === "ingest");
  return ingest.find((a) => a.identifier === "on_poll") ?? ingest[0];
}

type Schedule = Pick<Asset, "ingestPoll" | "ingestIntervalSeconds" | "ingestLabel" | "lastPollAt">;

/**
 * The asset columns for ingest settings given by REST or the console, merged over the stored
 * ones; undefined when none are given. Switching polling on (or changing its interval) makes
 * the next poll due one interval after the last one, or now when there was none.
 */
export function ingestColumns(app: App, given: IngestSettings | undefined, current?: Schedule) {
  if (!given) return undefined;
  if (!ingestActionOf(app.manifest as unknown as AppManifest)) throw new DomainError("invalid", `ingest: the ${app.name} app has no ingest (on poll) action`, "ingest");
  const interval = given.interval_seconds ?? (given.interval_mins !== undefined ? Math.max(1, Math.round(given.interval_mins * 60)) : current?.ingestIntervalSeconds ?? null);
  const poll = given.poll ?? current?.ingestPoll ?? false;
  if (poll && !interval) throw new DomainError("invalid", "ingest.interval_mins: how often to poll is required when ingest.poll is true", "ingest.interval_mins");
  const ingestLabel = given.container_label === undefined ? current?.ingestLabel ?? null : given.container_label;
  const last = current?.lastPollAt?.getTime();
  const nextPollAt = poll ? new Date(Math.max(Date.now(), last !== undefined ? last + interval! * 1000 : 0)) : null;
  return { ingestPoll: poll, ingestIntervalSeconds: interval, ingestLabel, nextPollAt };
}

/** The poll's parameters: SOAR's start_time/end_time (epoch ms) when the action declares them. */
function pollParameters(action: ManifestAction, lastPollAt: Date | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const declared = (k: string) => action.parameters[k]?.data_type === "numeric";
  if (declared("start_time")) out.start_time = lastPollAt?.getTime() ?? 0;
  if (declared("end_time")) out.end_time = Date.now();
  // SOAR manifests give some required poll parameters a `value` (e.g. container_count: 100).
  for (const [k, def] of Object.entries(action.parameters)) {
    const value = (def as { value?: unknown }).value;
    if (out[k] === undefined && def.default === undefined && ["string", "number", "boolean"].includes(typeof value)) out[k] = value;
  }
  return out;
}

type Locked = Asset & { app: App };

async function lockAsset(tx: Tx, id: number, skipLocked: boolean): Promise<Locked | null> {
  const [row] = skipLocked
    ? await tx.$queryRaw<{ id: number }[]>`select id from assets where id = ${id} for update skip locked`
    : await tx.$queryRaw<{ id: number }[]>`select id from assets where id = ${id} for update`;
  return row ? tx.asset.findUnique({ where: { id }, include: { app: true } }) : null;
}

/** The asset's previous poll when it has not finished yet. */
async function livePoll(tx: Tx, asset: Locked): Promise<number | null> {
  if (!asset.lastPollActionRunId) return null;
  const run = await tx.actionRun.findUnique({ where: { id: asset.lastPollActionRunId }, select: { status: true } });
  return run && (run.status === "pending" || run.status === "running") ? asset.lastPollActionRunId : null;
}

/** Starts a poll of a locked asset in the caller's transaction and moves its schedule on. */
async function startPoll(tx: Tx, asset: Locked, actor: Actor): Promise<ActionRun> {
  const action = ingestActionOf(asset.app.manifest as unknown as AppManifest);
  if (!action) throw new DomainError("invalid", `the ${asset.app.name} app has no ingest (on poll) action`);
  const planned = await planActionRun({
    action: action.action, container_id: null, name: `poll ${asset.name}`, type: "ingest",
    targets: [{ assets: [asset.id], parameters: [pollParameters(action, asset.lastPollAt)] }],
  });
  const run = await insertActionRun(tx, planned, actor);
  await tx.$executeRaw`update assets set last_poll_time = now(), last_poll_action_run = ${run.id}, last_poll_message = '',
    next_poll_time = case when ingest_poll then now() + ingest_interval_seconds * interval '1 second' else next_poll_time end
    where id = ${asset.id}`;
  return run;
}

/** "Poll now": starts the asset's ingest action at once, whether or not it polls on a schedule. */
export async function pollAssetNow(id: number, actor: Actor): Promise<ActionRun> {
  return inTransaction(async (tx) => {
    const asset = await lockAsset(tx, id, false);
    if (!asset) throw new DomainError("not_found", `asset ${id} does not exist`);
    const live = await livePoll(tx, asset);
    if (live) throw new DomainError("conflict", `a poll of asset "${asset.name}" is still running (action run ${live})`);
    return startPoll(tx, asset, actor);
  });
}

/** Schedule a due asset cannot keep: say why on the asset and try again one interval later. */
async function postpone(tx: Tx, id: number, message: string): Promise<void> {
  await tx.$executeRaw`update assets set last_poll_message = ${message},
    next_poll_time = now() + coalesce(ingest_interval_seconds, 60) * interval '1 second' where id = ${id}`;
}

/**
 * One scheduler pass: starts the polls that are due, up to `limit`, each asset in its own
 * transaction. Returns the action runs started. Safe to call from every worker at once.
 */
export async function runDuePolls(limit = 20): Promise<number[]> {
  const started: number[] = [];
  for (let i = 0; i < limit; i++) {
    const outcome = await inTransaction(async (tx) => {
      const [due] = await tx.$queryRaw<{ id: number }[]>`
        select id from assets where ingest_poll and not disabled and next_poll_time <= now()
        order by next_poll_time limit 1 for update skip locked`;
      if (!due) return "none" as const;
      const asset = (await lockAsset(tx, due.id, true))!;
      const live = await livePoll(tx, asset);
      if (live) {
        await postpone(tx, asset.id, `a poll was due while the previous one (action run ${live}) was still running; skipped`);
        return "skipped" as const;
      }
      try {
        return (await startPoll(tx, asset, SYSTEM)).id;
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        log.warn({ asset: asset.id, err: err.message }, "scheduled poll could not start");
        await postpone(tx, asset.id, `the scheduled poll could not start: ${err.message}`);
        return "skipped" as const;
      }
    });
    if (outcome === "none") break;
    if (typeof outcome === "number") started.push(outcome);
  }
  return started;
}

/** The REST/console view of an asset's ingest settings (SOAR's `ingest` object plus Vigil's schedule). */
export function ingestView(a: Asset) {
  return {
    poll: a.ingestPoll,
    interval_mins: a.ingestIntervalSeconds === null ? null : a.ingestIntervalSeconds / 60,
    interval_seconds: a.ingestIntervalSeconds,
    container_label: a.ingestLabel,
    start_time_epoch_utc: null,
    next_poll_time: a.nextPollAt?.toISOString() ?? null,
    last_poll_time: a.lastPollAt?.toISOString() ?? null,
    last_poll_action_run: a.lastPollActionRunId,
    last_poll_message: a.lastPollMessage,
  };
}
