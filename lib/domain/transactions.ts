// Runs one business operation in one transaction, retrying the rare deadlock or serialization
// failure that concurrent ingestion can cause (two requests upserting the same indicators), and
// turning constraint violations a client can cause into DomainErrors instead of 500s.
import { db, type Tx } from "../db/client";
import { DomainError } from "./errors";

/** The SQLSTATE of a PostgreSQL error, wherever Prisma and the pg adapter put it. */
export function pgCode(err: unknown): string | undefined {
  const seen = new Set<unknown>();
  const visit = (e: unknown): string | undefined => {
    if (!e || typeof e !== "object" || seen.has(e)) return undefined;
    seen.add(e);
    const o = e as Record<string, unknown>;
    for (const k of ["originalCode", "code"]) {
      const v = o[k];
      if (typeof v === "string" && /^[0-9A-Z]{5}$/.test(v) && !v.startsWith("P")) return v;
    }
    return visit(o.cause) ?? visit(o.meta) ?? visit(o.driverAdapterError);
  };
  return visit(err);
}

const RETRYABLE = new Set(["40001", "40P01"]);

export interface TxOptions {
  /** Messages for constraint violations: SQLSTATE -> DomainError. */
  violations?: Partial<Record<string, DomainError>>;
}

export async function inTransaction<T>(fn: (tx: Tx) => Promise<T>, opts: TxOptions = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      // Under ingestion load every pooled connection can be busy; wait for one rather than fail.
      return await db.$transaction(fn, { maxWait: 30_000, timeout: 30_000 });
    } catch (err) {
      if (err instanceof DomainError) throw err;
      const code = pgCode(err);
      if (code && RETRYABLE.has(code) && attempt < 4) continue;
      const mapped = code ? opts.violations?.[code] : undefined;
      if (mapped) throw mapped;
      throw err;
    }
  }
}
