// `vigil start` on a data directory whose PostgreSQL is still running (an earlier Vigil was
// killed before the watchdog existed, or it is still shutting down): the leftover is stopped
// cleanly and the start goes ahead, instead of failing on the port or the lock file.
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../testing/ports";
import { startVigil, type VigilProcess } from "../testing/vigil-process";
import { startEmbeddedPostgres } from "./embedded";
import { processAlive as alive } from "./pg-process";

let dataDir: string | undefined;
let vigil: VigilProcess | undefined;

afterAll(async () => {
  await vigil?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("a PostgreSQL left running on the data directory", () => {
  it("is stopped with a fast shutdown by the next vigil start, which then starts normally", async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "vigil-leftover-"));
    const pgPort = await freePort();
    const leftover = await startEmbeddedPostgres({ dataDir, port: pgPort });
    leftover.release(); // this process plays the killed Vigil: nothing supervises the server any more
    const pid = Number(readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
    expect(alive(pid)).toBe(true);
    vigil = await startVigil({ dataDir, pgPort, env: { LOG_LEVEL: "warn" } });
    expect(vigil.output()).toContain(`a PostgreSQL (pid ${pid}) is still running on ${path.join(dataDir, "pg")}`);
    expect(alive(pid)).toBe(false);
    const health = await fetch(`${vigil.url}/api/health`);
    expect(((await health.json()) as { status: string }).status).toBe("ok");
  }, 150_000);
});
