// The one PostgreSQL connection pool of a process. Prisma (./client.ts, through its pg adapter)
// and the raw-SQL hot paths (./sql.ts) both draw from it, so VIGIL_DB_POOL is the number of
// connections a process opens, whichever path a query takes. The LISTEN client (./live.ts) and
// migrations (./migrate.ts) hold their own single connections on purpose.
import pg from "pg";

// Next.js evaluates lib/ modules once for the CLI and again inside its route bundles; both must
// find the same pool, so it lives on globalThis.
const holder = globalThis as unknown as { vigilPool?: pg.Pool };

export function poolSize(): number {
  const size = Number(process.env.VIGIL_DB_POOL || 10);
  return Number.isSafeInteger(size) && size > 0 ? size : 10;
}

export function dbPool(): pg.Pool {
  if (!holder.vigilPool) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set: start Vigil with `vigil start`");
    const pool = new pg.Pool({ connectionString, max: poolSize() });
    // An idle client losing its connection must not take the process down.
    pool.on("error", () => {});
    holder.vigilPool = pool;
  }
  return holder.vigilPool;
}

/** Ends the pool once; the next dbPool() call opens a new one (tests, CLI commands). */
export async function closeDbPool(): Promise<void> {
  const pool = holder.vigilPool;
  holder.vigilPool = undefined;
  if (pool && !pool.ended && !pool.ending) await pool.end();
}
