// The one Prisma client. Everything that talks to PostgreSQL through Prisma imports `db` from here.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: start Vigil with `vigil start`");
  const adapter = new PrismaPg({ connectionString, max: Number(process.env.VIGIL_DB_POOL || 10) });
  return new PrismaClient({ adapter });
}

// Next.js may evaluate this module more than once (route bundles, dev reloads); keep one pool.
const holder = globalThis as unknown as { vigilDb?: PrismaClient };

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    holder.vigilDb ??= createClient();
    const value = Reflect.get(holder.vigilDb, prop);
    return typeof value === "function" ? value.bind(holder.vigilDb) : value;
  },
});

export async function disconnectDb(): Promise<void> {
  if (holder.vigilDb) await holder.vigilDb.$disconnect();
  holder.vigilDb = undefined;
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
