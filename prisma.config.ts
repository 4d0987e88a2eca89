// Prisma CLI configuration. Migrations run through the pg driver adapter and Prisma's
// wasm schema engine, because the native engine cannot be downloaded offline
// (see README, "Why Prisma 6 with patches").
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The schema reads DATABASE_URL; `prisma generate` at install time has no database yet.
process.env.DATABASE_URL ??= "postgresql://postgres@localhost:5432/vigil";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  engine: "js",
  experimental: { adapter: true },
  adapter: async () => {
    const url = new URL(process.env.DATABASE_URL!);
    return new PrismaPg({
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: url.pathname.slice(1),
    });
  },
});
