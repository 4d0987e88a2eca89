// How a finished app run is recorded: the outcome its app's child process reported (or the host,
// when the process died) turned into a terminal result in SOAR's shape, a retry with backoff, or
// a poison failure. Pure, so the rules are read in one place.
import type { Outcome } from "./app-protocol";
import type { Claimed } from "./claim";
import type { Finished } from "./recorder";

/**
 * VIGIL_POISON_DEATHS (default 3): an app run under which processes died this many times (its
 * app's child process crashing, or the worker holding it) is failed, not tried again. Without
 * it one run that crashes whatever runs it would be retried forever, taking down every
 * process that picks it up; with it, the other runs a crash took down are retried.
 */
export function poisonDeaths(): number {
  const n = Number(process.env.VIGIL_POISON_DEATHS || 3);
  return Number.isInteger(n) && n >= 1 ? n : 3;
}

export function backoffMs(attempt: number, retryAfterMs?: number): number {
  const exp = Math.min(60_000, 1000 * 2 ** (attempt - 1));
  return Math.max(exp, retryAfterMs ?? 0);
}

/** A run a crash took down goes back to the queue this soon (it may have been a bystander). */
const CRASH_RETRY_MS = 200;

export function poisonMessage(deaths: number, last: string): string {
  return `poison run: the process running this app run died ${deaths} times (last: ${last}); it is not tried again (VIGIL_POISON_DEATHS=${poisonDeaths()})`;
}

export function interpret(run: Claimed, outcome: Outcome, cancelled: boolean, redact: <T>(v: T) => T): Omit<Finished, "run"> {
  if (outcome.kind === "crash" && !cancelled) {
    const deaths = run.deaths + 1;
    if (deaths < poisonDeaths()) {
      return { status: "retry", deaths, message: redact(`${outcome.message}; trying again (${deaths} of ${poisonDeaths()} deaths)`), retryInMs: CRASH_RETRY_MS };
    }
    return { ...terminal(run, { kind: "error", message: poisonMessage(deaths, outcome.message) }, cancelled, redact), deaths };
  }
  if (outcome.kind === "transient" && !cancelled && run.attempt < run.max_attempts) {
    return { status: "retry", message: redact(`attempt ${run.attempt} of ${run.max_attempts} failed: ${outcome.message}; retrying`), retryInMs: backoffMs(run.attempt, outcome.retryAfterMs) };
  }
  return terminal(run, outcome, cancelled, redact);
}

function terminal(run: Claimed, outcome: Outcome, cancelled: boolean, redact: <T>(v: T) => T): Omit<Finished, "run"> {
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
