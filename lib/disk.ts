// Free space where Vigil keeps state: the data directory, the vault (often its own mount) and
// the embedded PostgreSQL's cluster. /api/health reports it, so a filling disk is seen before
// uploads answer 507 and PostgreSQL stops.
import { existsSync, readFileSync } from "node:fs";
import { statfs } from "node:fs/promises";
import path from "node:path";
import { readConfig } from "./config";

export interface DiskSpace {
  ok: boolean;
  /** One sentence naming the disk that is low, and what to do. */
  reason?: string;
  paths: { path: string; freeBytes: number }[];
}

/** VIGIL_DISK_MIN_FREE_MB (default 100): below this much free space health says degraded. */
export function minFreeBytes(): number {
  const mb = Number(process.env.VIGIL_DISK_MIN_FREE_MB || 100);
  return (Number.isFinite(mb) && mb >= 0 ? mb : 100) * 1024 * 1024;
}

function statePaths(): string[] {
  const dataDir = readConfig().dataDir;
  const location = path.join(dataDir, "pg-location");
  const cluster = existsSync(location) ? readFileSync(location, "utf8").trim() : path.join(dataDir, "pg");
  return [dataDir, path.join(dataDir, "vault"), cluster].filter((p) => existsSync(p));
}

export async function checkDisk(): Promise<DiskSpace> {
  const paths = await Promise.all(statePaths().map(async (p) => {
    const s = await statfs(p).catch(() => null);
    return { path: p, freeBytes: s ? s.bavail * s.bsize : Number.POSITIVE_INFINITY };
  }));
  const low = paths.filter((p) => p.freeBytes < minFreeBytes());
  const shown = paths.filter((p) => Number.isFinite(p.freeBytes));
  if (!low.length) return { ok: true, paths: shown };
  const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
  const reason = `the disk holding ${low.map((p) => `${p.path} (${mb(p.freeBytes)} MB free)`).join(" and ")} is nearly full: free space there; uploads and writes fail with 507 until it is`;
  return { ok: false, reason, paths: shown };
}
