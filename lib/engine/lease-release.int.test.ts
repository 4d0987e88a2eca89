// A turn whose commit meets a database fault gives its run's lease back as soon as the database
// answers, so the run resumes at once instead of when the lease runs out (30 s by default). The
// fault is real: the commit waits on a container row the test holds locked, and the test
// terminates the waiting backend (pg_terminate_backend, SQLSTATE 57P01), twice: the batch
// commit and the run-by-run retry. The next attempt must come well before the lease expires,
// and the run then completes with its change made once.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "../db/client";
import { startPlaybookRun } from "../domain/playbooks";
import { Engine } from "./runner";
import { actor, container, graph, playbook, steps, waitRun } from "./testing/helpers";

const LEASE_MS = 60_000;
let engine: Engine;
beforeAll(async () => {
  engine = new Engine(`lease-test-${process.pid}`, { pollMs: 100, leaseMs: LEASE_MS });
  await engine.start();
});
afterAll(() => engine.stop());

describe("leases after a database fault", () => {
  it("are released at once, so the run resumes long before its lease would expire, and changes the container once", async () => {
    const c = await container([], { severity: "low" });
    const pb = await playbook(graph({
      "0": { type: "start" },
      "2": { type: "utility", utility: "set_severity", values: { severity: "high" } },
      "1": { type: "end" },
    }, ["0>2", "2>1"]));
    const holder = new pg.Client({ connectionString: inject("superuserUrl") });
    const killer = new pg.Client({ connectionString: inject("superuserUrl") });
    await holder.connect();
    await killer.connect();
    try {
      await holder.query("begin");
      await holder.query("select id from containers where id = $1 for no key update", [c]);
      const holderPid = (await holder.query<{ pid: number }>("select pg_backend_pid() as pid")).rows[0]!.pid;
      const run = await startPlaybookRun({ playbook: pb, containerId: c }, actor);
      // Every commit of this run's turn now waits on the locked container row (its severity update);
      // inserts that only reference the container (FOR KEY SHARE) do not.
      const seen: number[] = [];
      let secondKilledAt = 0;
      let thirdAt = 0;
      const deadline = Date.now() + 90_000;
      while (thirdAt === 0 && Date.now() < deadline) {
        const { rows } = await killer.query<{ pid: number }>("select pid from pg_stat_activity where $1 = any(pg_blocking_pids(pid))", [holderPid]);
        for (const { pid } of rows) {
          if (seen.includes(pid)) continue;
          seen.push(pid);
          if (seen.length <= 2) {
            await killer.query("select pg_terminate_backend($1)", [pid]);
            if (seen.length === 2) secondKilledAt = Date.now();
          } else thirdAt = Date.now();
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(thirdAt, "the run was tried again after its failed commits").toBeGreaterThan(0);
      // 30 s is the shortest lease of any engine on this database (the test server's default).
      expect(thirdAt - secondKilledAt, "tried again long before the lease would expire").toBeLessThan(15_000);
      await holder.query("commit");
      const done = await waitRun(run.id, 30_000);
      expect(done.status).toBe("success");
      expect((await db.container.findUniqueOrThrow({ where: { id: c } })).severity).toBe("high");
      const changes = await db.auditLog.count({ where: { containerId: c, action: { startsWith: "container." }, actorName: { startsWith: "playbook " } } });
      expect(changes, "the severity change was committed once").toBe(1);
      expect((await steps(run.id)).map((s) => s.blockType)).toEqual(["start", "utility", "end"]);
    } finally {
      await holder.query("rollback").catch(() => {});
      await holder.end();
      await killer.end();
    }
  }, 150_000);
});
