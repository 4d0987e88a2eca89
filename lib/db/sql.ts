// A plain node-postgres pool for the few hot paths where Prisma's per-query overhead (its query
// compiler and interactive transactions) dominates: ingestion and API-token checks. Measured on
// the ingestion benchmark (docs/benchmarks.md): Prisma accounted for ~30% of the server's CPU
// per request. Everything else goes through the Prisma client in ./client.ts.
import pg from "pg";

const holder = globalThis as unknown as { vigilSqlPool?: pg.Pool };

export function sqlPool(): pg.Pool {
  if (!holder.vigilSqlPool) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set: start Vigil with `vigil start`");
    holder.vigilSqlPool = new pg.Pool({ connectionString, max: Number(process.env.VIGIL_DB_POOL || 10) });
    // An idle client losing its connection must not take the process down.
    holder.vigilSqlPool.on("error", () => {});
  }
  return holder.vigilSqlPool;
}

/** Runs one statement; with a `name` it is prepared once per connection and reused. */
export async function sql<T extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]>;
export async function sql<T extends pg.QueryResultRow>(name: string, text: string, values: unknown[]): Promise<T[]>;
export async function sql<T extends pg.QueryResultRow>(a: string, b?: string | unknown[], c?: unknown[]): Promise<T[]> {
  const query = typeof b === "string" ? { name: a, text: b, values: c } : { text: a, values: b ?? [] };
  return (await sqlPool().query<T>(query)).rows;
}

export async function closeSqlPool(): Promise<void> {
  const pool = holder.vigilSqlPool;
  holder.vigilSqlPool = undefined;
  if (pool) await pool.end();
}
