// The disk holding the embedded PostgreSQL fills up under REST ingestion (its own `vigil start`
// with the whole data directory on a small tmpfs, root only). PostgreSQL then fails writes with
// disk_full or stops at its next WAL write; either way no acknowledged write may be lost, no
// request may answer 500, health must name the disk, and once space is freed Vigil must come
// back by itself (the supervisor restarts PostgreSQL with back-off while the disk stays full).
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm, statfs } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { runVigil } from "../testing/cli";
import { freePort } from "../testing/ports";
import { signInCookie } from "../testing/session";
import { firstAdminPassword, startVigil, type VigilProcess } from "../testing/vigil-process";
import { startLoad } from "./load";

const canMount = process.getuid?.() === 0 && process.platform === "linux";
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("Vigil under faults: the database's disk", () => {
  it.skipIf(!canMount)("the disk holding the embedded PostgreSQL fills: 507 or 503, health names the disk, nothing lost, fine again once space is freed", async (ctx) => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "vigil-pgdisk-"));
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=320m", "vigil-fault-pgdisk", dataDir], { stdio: "ignore" });
    } catch {
      ctx.skip("mount -t tmpfs is not allowed here (a container without CAP_SYS_ADMIN)");
    }
    let vigil: VigilProcess | undefined;
    const filler = path.join(dataDir, "filler");
    try {
      const [port, pgPort] = [await freePort(), await freePort()];
      const env = { VIGIL_DISK_MIN_FREE_MB: "24", LOG_LEVEL: "info", VIGIL_DB_STATEMENT_TIMEOUT_MS: "5000", VIGIL_DB_CONNECT_TIMEOUT_MS: "3000" };
      vigil = await startVigil({ dataDir, port, pgPort, env });
      const token = (await runVigil(["token", "create", "--user", "admin"], { VIGIL_DATA_DIR: dataDir, VIGIL_PG_PORT: String(pgPort) })).stdout.trim();
      const cookie = await signInCookie(vigil.url, "admin", firstAdminPassword(vigil.output()));
      // Leave a few megabytes: less than one WAL segment (16 MB), so PostgreSQL runs out soon.
      const free = await statfs(dataDir);
      execFileSync("fallocate", ["-l", String(free.bavail * free.bsize - 6 * 1024 * 1024), filler]);

      const load = startLoad({ url: vigil.url, token, cookie, writers: 4, tag: "pgdisk", padBytes: 64 * 1024 });
      const sawFull = async () => {
        for (let i = 0; i < 1200; i++) {
          const r = load.result;
          if ((r.statuses["507"] ?? 0) + (r.statuses["503"] ?? 0) > 0 && r.health.some((s) => s.status === "degraded")) return true;
          await pause(100);
        }
        return false;
      };
      expect(await sawFull(), "writes were refused and health went degraded within 120 s").toBe(true);
      const health = (await (await fetch(`${vigil.url}/api/health`, { headers: { "ph-auth-token": token } })).json()) as { status: string; disk: { reason?: string } };
      expect(health.status).not.toBe("ok");
      expect(health.disk.reason ?? "").toContain(dataDir);

      // The operator frees space; Vigil recovers by itself.
      const freedAt = Date.now();
      await rm(filler);
      let recoveredAt = 0;
      for (let i = 0; i < 1800 && !recoveredAt; i++) {
        await pause(100);
        const r = load.result;
        const acked = r.ackTimes.find((t) => t > freedAt + 200);
        const ok = r.health.find((s) => s.at > freedAt + 200 && s.status === "ok");
        if (acked && ok) recoveredAt = Math.max(acked, ok.at);
      }
      const result = await load.stop();
      process.stdout.write(`\ndisk of the embedded PostgreSQL full: answers ${JSON.stringify(result.statuses)}; writes and health ok ${recoveredAt ? recoveredAt - freedAt : -1} ms after space was freed\n`);
      expect(recoveredAt, "writes acknowledged and health ok within 180 s of freeing space").toBeGreaterThan(0);
      expect(result.bad, "answers that must not happen").toEqual([]);
      const password = (await readFile(path.join(dataDir, "keys", "postgres-password"), "utf8")).trim();
      const client = new pg.Client({ host: "127.0.0.1", port: pgPort, user: "postgres", password, database: "vigil" });
      await client.connect();
      try {
        const { rows } = await client.query<{ n: number }>("select count(*)::int as n from containers where source_data_identifier = any($1)", [result.acked]);
        expect(rows[0]!.n, "acknowledged containers missing").toBe(result.acked.length);
      } finally {
        await client.end();
      }
    } finally {
      await vigil?.stop();
      execFileSync("umount", ["-l", dataDir], { stdio: "ignore" });
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 420_000);
});
