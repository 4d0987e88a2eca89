// The editor's server side on a real PostgreSQL: saves carry their base version (a stale one is
// a conflict and writes nothing), a playbook with errors saves but is not activated or debugged,
// versions list and revert, and a debug run is marked in the audit trail.
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { actor, container, graph, playbook } from "../engine/testing/helpers";
import { playbookSchema } from "../schemas/playbooks";
import { asInput, playbookSummaries, playbookVersions, playbookVersionGraph, revertPlaybook } from "./playbook-versions";
import { getPlaybook, setPlaybookActive, startPlaybookRun, updatePlaybook } from "./playbooks";

const good = graph({ "0": { type: "start" }, "2": { type: "format", name: "f", template: "{0}", parameters: ["container:name"] }, "1": { type: "end" } }, ["0>2", "2>1"]);
const broken = graph({ "0": { type: "start" }, "2": { type: "format", name: "f", template: "{0}", parameters: ["ghost:formatted_data"] }, "1": { type: "end" } }, ["0>2", "2>1"]);

describe("playbook versions", () => {
  it("refuses a save over a newer version than the one it started from, and writes nothing", async () => {
    const id = await playbook(good);
    const v1 = await getPlaybook(id);
    const first = await updatePlaybook(id, { ...asInput(v1), description: "alice", message: "alice's change" }, { ...actor, name: "alice" }, { baseVersion: 1 });
    expect(first.version).toBe(2);
    await expect(updatePlaybook(id, { ...asInput(v1), description: "bob", message: "bob's change" }, { ...actor, name: "bob" }, { baseVersion: 1 }))
      .rejects.toMatchObject({ kind: "conflict", message: expect.stringContaining("version 2 was saved by alice after you opened version 1") });
    const now = await getPlaybook(id);
    expect([now.version, now.description]).toEqual([2, "alice"]);
    expect((await playbookVersions(id)).map((v) => [v.version, v.author, v.message])).toEqual([[2, "alice", "alice's change"], [1, "engine-test", "created"]]);
  });

  it("saves a graph with errors as a draft but refuses to activate or debug it, naming the first error", async () => {
    const id = await playbook(broken);
    const c = await container();
    await expect(setPlaybookActive(id, true, actor)).rejects.toMatchObject({ kind: "invalid", message: expect.stringMatching(/cannot be activated: block 2: .*names block "ghost"/) });
    await expect(startPlaybookRun({ playbook: id, containerId: c, debug: true }, actor)).rejects.toMatchObject({ kind: "invalid", message: expect.stringContaining("cannot be debugged") });
    await expect(updatePlaybook(id, { ...asInput(await getPlaybook(id)), active: true }, actor, { baseVersion: 1 })).rejects.toMatchObject({ kind: "invalid" });
    expect((await getPlaybook(id)).active).toBe(false);
    // The playbook as it was still runs when started by hand (not a debug run): the checks guard activation.
    expect((await startPlaybookRun({ playbook: id, containerId: c }, actor)).status).toBe("running");
  });

  it("reverts to an older version as a new one, deactivating when that version has errors", async () => {
    const id = await playbook(broken);
    const v1 = await getPlaybook(id);
    await updatePlaybook(id, { ...asInput(v1), graph: good, message: "fixed" }, actor, { baseVersion: 1 });
    await setPlaybookActive(id, true, actor);
    const reverted = await revertPlaybook(id, 1, 2, actor);
    expect([reverted.version, reverted.active]).toEqual([3, false]);
    expect(await playbookVersionGraph(id, 3)).toEqual(playbookSchema.parse({ name: "x", graph: broken }).graph);
    expect((await playbookVersions(id))[0]).toMatchObject({ version: 3, message: "reverted to version 1 (deactivated: it has errors)" });
    const summary = (await playbookSummaries()).find((p) => p.id === id);
    expect(summary).toMatchObject({ version: 3, author: "engine-test", runs: 0, active: false });
  });

  it("marks a debug run in the audit trail", async () => {
    const id = await playbook(good);
    const run = await startPlaybookRun({ playbook: id, containerId: await container(), debug: true }, actor);
    const audit = await db.auditLog.findFirst({ where: { action: "playbook_run.start", objectId: String(run.id) } });
    expect(audit?.detail).toMatchObject({ debug: true });
  });
});
