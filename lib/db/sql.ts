// A plain node-postgres pool for the few hot paths where Prisma's per-query overhead (its query
// compiler and interactive transactions) dominates: ingestion and API-token checks. Measured on
// the ingestion benchmark (docs/benchmarks.md): Prisma accounted for ~30% of the server's CPU
// per request. Everything else goes through the Prisma client in ./client.ts; both share the
// process's one pool (./pool.ts).
import type pg from "pg";
import { dbPool } from "./pool";

export const sqlPool = dbPool;

/** Runs one statement; with a `name` it is prepared once per connection and reused. */
export async function sql<T extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]>;
export async function sql<T extends pg.QueryResultRow>(name: string, text: string, values: unknown[]): Promise<T[]>;
export async function sql<T extends pg.QueryResultRow>(a: string, b?: string | unknown[], c?: unknown[]): Promise<T[]> {
  const query = typeof b === "string" ? { name: a, text: b, values: c } : { text: a, values: b ?? [] };
  return (await sqlPool().query<T>(query)).rows;
}
