// Vigil's configuration, read from the environment in one place (see the README's table).
import path from "node:path";

export interface VigilConfig {
  port: number;
  /** Address to listen on; unset means every interface (the demo defaults to 127.0.0.1). */
  host: string | undefined;
  /** VIGIL_TRUSTED_PROXIES: comma-separated CIDRs whose X-Forwarded-* headers are believed. */
  trustedProxies: string | undefined;
  /** Set when an external PostgreSQL is used; unset means the embedded one. */
  databaseUrl: string | undefined;
  /** The schema owner's URL for migrations, when DATABASE_URL is a less privileged runtime role. */
  migrateDatabaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  logLevel: string;
  sessionMaxAgeSeconds: number;
  /** How often an open live-updates stream re-checks its session. */
  liveCheckSeconds: number;
}

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

export function readConfig(): VigilConfig {
  return {
    port: intFromEnv("PORT", 3000),
    host: process.env.HOST || undefined,
    trustedProxies: process.env.VIGIL_TRUSTED_PROXIES || undefined,
    databaseUrl: process.env.DATABASE_URL || undefined,
    migrateDatabaseUrl: process.env.VIGIL_MIGRATE_DATABASE_URL || undefined,
    dataDir: path.resolve(/*turbopackIgnore: true*/ process.env.VIGIL_DATA_DIR || ".vigil"),
    embeddedPgPort: intFromEnv("VIGIL_PG_PORT", 5433),
    logLevel: process.env.LOG_LEVEL || "info",
    sessionMaxAgeSeconds: intFromEnv("VIGIL_SESSION_HOURS", 12) * 3600,
    liveCheckSeconds: intFromEnv("VIGIL_LIVE_CHECK_SECONDS", 30),
  };
}
