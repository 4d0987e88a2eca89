// What the embedded PostgreSQL's supervisor (./pg-supervisor.ts) is doing, for /api/health.
// On globalThis: the supervisor runs in the CLI's copy of lib/, the health route in Next.js's.
export interface DbState {
  status: "ok" | "recovering";
  /** One sentence: what happened and, when Vigil cannot fix it alone, what to do. */
  reason?: string;
  /** When the database went away (ISO time). */
  since?: string;
}

const holder = globalThis as unknown as { vigilDbState?: DbState };

export function dbState(): DbState {
  return holder.vigilDbState ?? { status: "ok" };
}

export function setDbState(state: DbState): void {
  holder.vigilDbState = state;
}
