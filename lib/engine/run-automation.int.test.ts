// SOAR's run_automation on label triggers: a container or artifact saved with run_automation
// false starts no playbooks; unset means "after the last artifact of the request" (as SOAR sets it
// when a container and its artifacts come in one POST). The requests are parsed with the same
// schemas REST uses, in the shapes of ../shared/fixtures/soar-rest/Phantom_create_*.json.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createArtifacts } from "../domain/artifacts";
import { createContainer } from "../domain/containers";
import { setPlaybookActive } from "../domain/playbooks";
import { newArtifactsSchema, newContainerSchema } from "../schemas/containers";
import { Engine } from "./runner";
import { actor, graph, playbook, uniq, waitRun } from "./testing/helpers";

let engine: Engine;
beforeAll(async () => {
  engine = new Engine(`run-automation-test-${process.pid}`, { pollMs: 100 });
  await engine.start();
});
afterAll(() => engine.stop());

// Only this test's playbook: other files' active playbooks on "*" start runs on these containers too.
let pb = 0;
const runsOn = (containerId: number) => db.playbookRun.findMany({ where: { containerId, playbookId: pb }, orderBy: { id: "asc" } });

async function waitForRuns(containerId: number, n: number) {
  for (let i = 0; (await runsOn(containerId)).length < n && i < 400; i++) await new Promise((r) => setTimeout(r, 50));
  for (const r of await runsOn(containerId)) await waitRun(r.id);
  return runsOn(containerId);
}

describe("run_automation", () => {
  it("starts playbooks only for containers and artifacts saved with automation on", async () => {
    const label = `ra_${uniq()}`;
    pb = await playbook(graph({ "0": { type: "start" }, "1": { type: "end" } }, ["0>1"]), { labels: [label] });
    await setPlaybookActive(pb, true, actor);
    try {
      const post = async (body: Record<string, unknown>) =>
        (await createContainer(newContainerSchema.parse({ name: `ra ${uniq()}`, label, ...body }), actor)).id;
      const art = (n: number, run_automation?: boolean | null) => ({ name: `a${n}`, cef: { n }, ...(run_automation !== undefined ? { run_automation } : {}) });
      const off = await post({ artifacts: [art(1, false), art(2, false)] });
      const offNoArtifacts = await post({ run_automation: false });
      // Unset on all but the last, which says false: SOAR fills in only what is not given.
      const lastOff = await post({ artifacts: [art(1), art(2), art(3, false)] });
      const unset = await post({ artifacts: [art(1), art(2), art(3)] });
      const nulls = await post({ artifacts: [art(1, null)] });
      const oneOn = await post({ artifacts: [art(1, true), art(2, false)] });
      const bare = await post({});

      // The last one has its run once every earlier trigger has been taken (they go in creation order).
      expect(await waitForRuns(bare, 1)).toHaveLength(1);
      for (const c of [unset, nulls, oneOn]) expect(await waitForRuns(c, 1)).toHaveLength(1);
      for (const c of [off, offNoArtifacts, lastOff]) expect(await runsOn(c)).toHaveLength(0);
      expect((await db.container.findUniqueOrThrow({ where: { id: off } })).runAutomation).toBe(false);

      // POST /rest/artifact on an existing container: false starts nothing, unset starts a run
      // (an array: one, after its last artifact).
      const add = (items: Record<string, unknown>[]) =>
        createArtifacts([newArtifactsSchema.parse(items.map((a) => ({ container_id: off, ...a })))].flat(), actor);
      await add([art(10, false)]);
      await add([art(11, false), art(12, false)]);
      const marker = await post({});
      await waitForRuns(marker, 1);
      expect(await runsOn(off)).toHaveLength(0);
      await add([art(13), art(14)]);
      const runs = await waitForRuns(off, 1);
      expect(runs).toHaveLength(1);
      expect(runs[0]!.status).toBe("success");
      // Scope new: the run sees every artifact it has not processed, those saved without automation too.
      expect(runs[0]!.artifactMax - runs[0]!.artifactFloor).toBeGreaterThan(0);
      const flags = await db.artifact.findMany({ where: { containerId: off }, orderBy: { id: "asc" }, select: { runAutomation: true } });
      expect(flags.map((f) => f.runAutomation)).toEqual([false, false, false, false, false, false, true]);
    } finally {
      await setPlaybookActive(pb, false, actor);
    }
  });
});
