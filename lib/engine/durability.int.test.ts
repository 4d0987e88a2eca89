// A real worker (`vigil start`) is killed with SIGKILL while it holds playbook runs; after a
// restart every run completes, no run's container change is committed twice and no run starts
// its action twice.
import { inject, describe, expect, it } from "vitest";
import { copyFile, mkdir, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { db } from "../db/client";
import { auditKeyFile } from "../domain/audit-anchor";
import { startPlaybookRun } from "../domain/playbooks";
import { tokenClient, unique } from "../rest/rest-test-kit";
import { startHttpServer } from "../testing/action-kit";
import { startVigil } from "../testing/vigil-process";
import { actor, container, graph, playbook, waitRun } from "./testing/helpers";

const RUNS = 200;

describe("durable runs", () => {
  it("loses nothing and repeats nothing when a worker is killed mid-run", async () => {
    process.env.VIGIL_ENGINE_LEASE_MS = "1500";
    // The worker shares the server's key, as every node of one installation does (audit anchors, secrets).
    process.env.VIGIL_SECRET_KEY = inject("secretKey");
    const server = await startHttpServer((req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
    const assetName = unique("durable http");
    await (await tokenClient("administrator")).call("POST", "/rest/asset", { name: assetName, product_vendor: "Generic", product_name: "HTTP", configuration: { base_url: server.url } });
    // A second node: its own data directory holding a copy of the first node's audit key.
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "vigil-engine-node-"));
    await mkdir(path.join(dataDir, "keys"), { recursive: true });
    await copyFile(auditKeyFile(inject("vigilDataDir")), auditKeyFile(dataDir));
    let vigil = await startVigil({ databaseUrl: inject("databaseUrl"), dataDir });
    try {
      const pb = await playbook(graph({
        "0": { type: "start" },
        "6": { type: "action", name: "fetch", action: "get data", assets: [assetName], parameters: { location: "/x" } },
        "2": { type: "code", name: "work", outputVariables: ["n"], code: "let n = 0; for (let i = 0; i < 20000; i++) n += i; outputs.n = n;" },
        "3": { type: "format", name: "f", template: "sum {0}", parameters: ["work:custom_function:n"] },
        "4": { type: "utility", utility: "add_note", values: { title: "durable", content: "f:formatted_data" } },
        "5": { type: "utility", utility: "comment", values: { comment: "f:formatted_data" } },
        "1": { type: "end" },
      }, ["0>6", "6>2", "2>3", "3>4", "4>5", "5>1"]));
      const containers = await Promise.all(Array.from({ length: RUNS }, () => container([{ n: "1" }])));
      const runs: number[] = [];
      for (const c of containers) runs.push((await startPlaybookRun({ playbook: pb, containerId: c }, actor)).id);
      // Kill the worker while it holds leases on runs it has not committed.
      const pid = vigil.child.pid!;
      let held = 0;
      for (let i = 0; i < 2000 && held === 0; i++) {
        held = await db.playbookRun.count({ where: { leaseOwner: { contains: `-${pid}-` }, status: "running" } });
        if (held === 0) await new Promise((r) => setTimeout(r, 2));
      }
      vigil.child.kill("SIGKILL");
      await new Promise((r) => vigil.child.once("exit", r));
      expect(held).toBeGreaterThan(0);
      const finishedAtKill = await db.playbookRun.count({ where: { id: { in: runs }, status: "success" } });
      expect(finishedAtKill).toBeLessThan(RUNS);

      vigil = await startVigil({ databaseUrl: inject("databaseUrl"), dataDir: vigil.dataDir });
      for (const id of runs) expect((await waitRun(id, 60_000)).status).toBe("success");
      const notes = await db.note.groupBy({ by: ["containerId"], where: { containerId: { in: containers } }, _count: { _all: true } });
      expect(notes).toHaveLength(RUNS);
      expect(notes.every((n) => n._count._all === 1)).toBe(true);
      const comments = await db.comment.groupBy({ by: ["containerId"], where: { containerId: { in: containers } }, _count: { _all: true } });
      expect(comments.every((n) => n._count._all === 1) && comments.length === RUNS).toBe(true);
      expect(await db.playbookStep.count({ where: { runId: { in: runs } } })).toBe(RUNS * 7);
      const actionRuns = await db.actionRun.groupBy({ by: ["containerId"], where: { containerId: { in: containers } }, _count: { _all: true } });
      expect(actionRuns.length === RUNS && actionRuns.every((n) => n._count._all === 1)).toBe(true);
      expect(await db.appRun.count({ where: { containerId: { in: containers } } })).toBe(RUNS);
    } finally {
      delete process.env.VIGIL_ENGINE_LEASE_MS;
      await vigil.stop();
      await server.close();
    }
  }, 240_000);
});
