// The answer shape of the console's server actions, and the one place that turns a DomainError
// into a message the form shows (anything else is a bug and reaches the error boundary).
import type { SessionUser } from "./auth/sessions";
import type { Actor } from "./domain/actor";
import type { z } from "zod";
import { DomainError } from "./domain/errors";
import { log } from "./log";
import { DATABASE_DISK_FULL, safeToRepeat, transientKind } from "./db/transient";
import { pgCode } from "./domain/transactions";
import { firstIssue } from "./schemas/common";

export type ActionResult<T = void> = { ok: true; value?: T } | { ok: false; error: string };

export const actorOf = (u: SessionUser): Actor => ({ id: u.id, name: u.username, role: u.role });

export async function runAction<T>(fn: () => Promise<T>, after?: () => void): Promise<ActionResult<T>> {
  try {
    const value = await fn();
    after?.();
    return { ok: true, value };
  } catch (err) {
    if (err instanceof DomainError) return { ok: false, error: err.message };
    // A restarting or overloaded database is not a bug: say so and let the user try again.
    // The action is not repeated here: it may have been saved before the connection was lost.
    if (pgCode(err) === "53100") return { ok: false, error: `${DATABASE_DISK_FULL[0]!.toUpperCase()}${DATABASE_DISK_FULL.slice(1)}.` };
    const kind = transientKind(err);
    if (kind) {
      log.warn({ kind, err: (err as Error)?.message }, "console action met a database fault");
      return {
        ok: false,
        error: kind === "slow"
          ? "The database did not finish in time (it is overloaded, or a lock is held) and nothing was saved: try again in a moment."
          : safeToRepeat(kind)
          ? "The database is busy or restarting and nothing was saved: try again in a few seconds."
          : "The connection to the database was lost (it may be restarting), so this change may or may not have been saved: check, then try again in a few seconds.",
      };
    }
    throw err;
  }
}

/** Parses an action's input with its shared schema; a failure is the form's message, not a throw. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): { ok: true; data: z.output<S> } | { ok: false; error: string } {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, data: result.data } : { ok: false, error: firstIssue(result.error) };
}
