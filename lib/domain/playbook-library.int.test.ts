// The playbook list's housekeeping and the format preview on a real PostgreSQL: duplicate under a
// free name, export and import back (bad files refused with what is wrong, nothing written),
// delete refused while a run is running, and the preview computed by the engine's format.
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { actor, container, graph, playbook } from "../engine/testing/helpers";
import { formatPreview } from "./playbook-editor";
import { deletePlaybook, duplicatePlaybook, exportPlaybook, importPlaybook } from "./playbook-library";
import { cancelPlaybookRun, getPlaybook, startPlaybookRun } from "./playbooks";

const g = graph({ "0": { type: "start" }, "2": { type: "format", name: "f", template: "{0}", parameters: ["container:name"] }, "1": { type: "end" } }, ["0>2", "2>1"]);
const asks = graph({ "0": { type: "start" }, "2": { type: "prompt", name: "ask", approver: { role: "administrator" }, message: "ok?", responses: [{ prompt: "ok?", type: "yes/no" }] }, "1": { type: "end" } }, ["0>2", "2>1"]);

describe("playbook library", () => {
  it("duplicates under the first free `copy` name, inactive, with the same graph", async () => {
    const id = await playbook(g, { active: true });
    const p = await getPlaybook(id);
    const a = await duplicatePlaybook(id, actor), b = await duplicatePlaybook(id, actor);
    expect([a.name, b.name]).toEqual([`${p.name} copy`, `${p.name} copy 2`]);
    expect([a.active, b.active]).toEqual([false, false]);
    expect(a.graph).toEqual(p.graph);
    expect((await db.playbookVersion.findFirstOrThrow({ where: { playbookId: a.id } })).message).toBe(`duplicated from ${p.repo}/${p.name} version 1`);
  });

  it("imports its own export as a new inactive playbook, and refuses bad files saying why, writing nothing", async () => {
    const id = await playbook(g, { active: true });
    const exported = await exportPlaybook(id);
    expect(exported.vigil_playbook).toBe(1);
    const before = await db.playbook.count();
    await expect(importPlaybook(exported, actor)).rejects.toMatchObject({ kind: "conflict", message: `a playbook named ${exported.repo}/${exported.name} exists` });
    await expect(importPlaybook([1, 2], actor)).rejects.toMatchObject({ kind: "invalid", message: expect.stringContaining("holds no JSON object") });
    await expect(importPlaybook({ name: "x" }, actor)).rejects.toMatchObject({ kind: "invalid", message: expect.stringContaining("no vigil_playbook field") });
    await expect(importPlaybook({ ...exported, name: "x2", labels: [] }, actor)).rejects.toMatchObject({ kind: "invalid", message: expect.stringMatching(/^the file is not a valid playbook: labels: /) });
    const dangling = { ...exported, name: "x3", graph: { ...exported.graph!, edges: [...exported.graph!.edges, { source: "2", target: "404" }] } };
    await expect(importPlaybook(dangling, actor)).rejects.toMatchObject({ kind: "invalid", message: expect.stringContaining("graph:") });
    expect(await db.playbook.count()).toBe(before);
    const copy = await importPlaybook({ ...exported, name: `${exported.name} imported` }, actor);
    expect([copy.active, copy.graph]).toEqual([false, exported.graph]);
  });

  it("refuses to delete a playbook while a run of it is running; deletes it with its runs after", async () => {
    const id = await playbook(asks);
    const run = await startPlaybookRun({ playbook: id, containerId: await container() }, actor);
    await expect(deletePlaybook(id, actor)).rejects.toMatchObject({ kind: "conflict", message: expect.stringContaining("has 1 running run(s)") });
    await cancelPlaybookRun(run.id, actor);
    await deletePlaybook(id, actor);
    expect(await db.playbook.findUnique({ where: { id } })).toBeNull();
    expect(await db.playbookRun.findUnique({ where: { id: run.id } })).toBeNull();
    expect(await db.auditLog.count({ where: { action: "playbook.delete", objectId: String(id) } })).toBe(1);
    await expect(deletePlaybook(id, actor)).rejects.toMatchObject({ kind: "not_found" });
  });

  it("previews a format block on a container with the engine's format: container fields, a row per artifact", async () => {
    const c = await container([{ fromEmail: "a@x.test" }, { fromEmail: "b@x.test" }], { name: "phish" });
    expect(await formatPreview(c, { template: "{0}:%% [{1}]%%", parameters: ["container:name", "artifact:*.cef.fromEmail"] }))
      .toEqual({ text: "phish: [a@x.test] [b@x.test]", list: ["phish: [a@x.test]", "phish: [b@x.test]"] });
    await expect(formatPreview(999_999_999, { template: "x", parameters: [] })).rejects.toMatchObject({ kind: "not_found" });
  });
});
