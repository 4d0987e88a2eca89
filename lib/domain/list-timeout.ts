// The statement timeout every list query runs under, so a client's filter over a million rows can
// hold a connection for at most VIGIL_REST_STATEMENT_TIMEOUT_MS, never indefinitely.
import { db, type Tx } from "../db/client";
import { pgCode } from "./transactions";

/** VIGIL_REST_STATEMENT_TIMEOUT_MS (default 15 s): how long one list query may run in PostgreSQL. */
export function listStatementTimeoutMs(): number {
  const ms = Number(process.env.VIGIL_REST_STATEMENT_TIMEOUT_MS || 15_000);
  return Number.isSafeInteger(ms) && ms > 0 ? ms : 15_000;
}

/**
 * Runs `fn` in a transaction whose statements PostgreSQL cancels after listStatementTimeoutMs
 * (SQLSTATE 57014, which /rest answers with a 503): a client's filter over a million rows can
 * hold a connection for that long, never indefinitely. Like inTransaction, it waits for a free
 * connection under load rather than failing.
 */
export async function withStatementTimeout<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const ms = listStatementTimeoutMs();
  try {
    return await db.$transaction(async (tx) => {
      await tx.$queryRaw`select set_config('statement_timeout', ${String(ms)}, true)`;
      return fn(tx);
    }, { maxWait: 30_000, timeout: ms + 5_000 });
  } catch (err) {
    if (pgCode(err) === "57014") throw new ListTimeout(ms);
    throw err;
  }
}

/** A list query PostgreSQL stopped at listStatementTimeoutMs: the client's filter is too broad (503). */
export class ListTimeout extends Error {
  constructor(readonly ms: number) {
    super(`the query ran longer than ${ms / 1000} s and was stopped: narrow it with filters or a smaller page_size, or retry later`);
    this.name = "ListTimeout";
  }
}

