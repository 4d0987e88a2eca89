// The answer shape of the console's server actions, and the one place that turns a DomainError
// into a message the form shows (anything else is a bug and reaches the error boundary).
import type { SessionUser } from "./auth/sessions";
import type { Actor } from "./domain/actor";
import { DomainError } from "./domain/errors";

export type ActionResult<T = void> = { ok: true; value?: T } | { ok: false; error: string };

export const actorOf = (u: SessionUser): Actor => ({ id: u.id, name: u.username, role: u.role });

export async function runAction<T>(fn: () => Promise<T>, after?: () => void): Promise<ActionResult<T>> {
  try {
    const value = await fn();
    after?.();
    return { ok: true, value };
  } catch (err) {
    if (err instanceof DomainError) return { ok: false, error: err.message };
    throw err;
  }
}
