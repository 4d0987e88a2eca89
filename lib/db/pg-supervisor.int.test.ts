// The supervisor when the embedded PostgreSQL cannot come back at once: it says why in one
// sentence with what to do (here: another program took its port), keeps retrying, and the
// database is back by itself once the cause is gone.
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../testing/ports";
import { dbState } from "./db-state";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded";
import { startAdvice } from "./pg-supervisor";

let dataDir: string | undefined;
let embedded: EmbeddedDatabase | undefined;

afterAll(async () => {
  await embedded?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function takePort(port: number): Promise<net.Server | null> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(null));
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

describe("supervising the embedded PostgreSQL", () => {
  it("says the port is taken and what to do, keeps retrying, and comes back once it is free", async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "vigil-supervisor-"));
    const port = await freePort();
    embedded = await startEmbeddedPostgres({ dataDir, port });
    const pid = Number(readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
    process.kill(pid, "SIGKILL");
    // Another program grabs the port the moment the postmaster is gone.
    let squatter: net.Server | null = null;
    for (let i = 0; !squatter && i < 200; i++) {
      squatter = await takePort(port);
      if (!squatter) await new Promise((r) => setTimeout(r, 10));
    }
    expect(squatter).not.toBeNull();
    await expect.poll(() => dbState().reason ?? "", { timeout: 10_000 })
      .toMatch(new RegExp(`port ${port} for the embedded PostgreSQL is in use: stop whatever listens there or set VIGIL_PG_PORT`));
    expect(dbState().status).toBe("recovering");
    await new Promise<void>((resolve) => squatter!.close(() => resolve()));
    await expect.poll(() => dbState().status, { timeout: 30_000, interval: 200 }).toBe("ok");
    const client = new pg.Client({ connectionString: embedded.url });
    await client.connect();
    expect((await client.query("select 1 as one")).rows).toEqual([{ one: 1 }]);
    await client.end();
  }, 60_000);

  it("turns PostgreSQL's last words into what to do", () => {
    expect(startAdvice("FATAL:  could not write lock file \"postmaster.pid\": No space left on device", "/d/pg", 5433)).toMatch(/disk holding \/d\/pg is full/);
    expect(startAdvice("PANIC:  could not locate a valid checkpoint record", "/d/pg", 5433)).toMatch(/looks damaged: restore/);
    expect(startAdvice("LOG:  could not bind IPv4 address \"127.0.0.1\": Address already in use", "/d/pg", 5433)).toMatch(/port 5433 is taken/);
  });
});
