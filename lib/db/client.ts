// The one Prisma client. Everything that talks to PostgreSQL through Prisma imports `db` from here.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { closeDbPool, dbPool } from "./pool";

function createClient(): PrismaClient {
  // Prisma borrows the process's one pool (./pool.ts) and leaves ending it to closeDbPool.
  const adapter = new PrismaPg(dbPool());
  return new PrismaClient({ adapter });
}

// Next.js may evaluate this module more than once (route bundles, dev reloads); keep one client.
const holder = globalThis as unknown as { vigilDb?: PrismaClient };

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    holder.vigilDb ??= createClient();
    const value = Reflect.get(holder.vigilDb, prop);
    return typeof value === "function" ? value.bind(holder.vigilDb) : value;
  },
});

/** Disconnects Prisma and ends the one pool (both Prisma's and the raw-SQL path's connections). */
export async function disconnectDb(): Promise<void> {
  const client = holder.vigilDb;
  holder.vigilDb = undefined;
  if (client) await client.$disconnect();
  await closeDbPool();
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
