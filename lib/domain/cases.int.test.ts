import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { newContainerSchema } from "../schemas/containers";
import type { Actor } from "./actor";
import { addToCase, caseEvidence, caseMembers, promoteToCase, setEvidence } from "./cases";
import { createContainer } from "./containers";
import { addNote } from "./notes";
import { caseOverview, relatedContainers } from "./investigation";

const actor: Actor = { id: null, name: "case-test", role: "system" };
const make = async (name: string, cef: Record<string, string> = {}) =>
  (await createContainer(newContainerSchema.parse({ name, artifacts: [{ name: "a", cef }] }), actor)).id;

describe("cases", () => {
  it("promotes an event, adds events to it, marks evidence and refuses what a case cannot hold", async () => {
    const ip = `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const first = await make("first", { sourceAddress: ip });
    const second = await make("second", { sourceAddress: ip });
    const outsider = await make("outsider");
    expect((await relatedContainers(first)).map((r) => r.id)).toContain(second);

    await promoteToCase(first, actor);
    await expect(promoteToCase(first, actor)).rejects.toThrow(/already a case/);
    expect((await db.container.findUniqueOrThrow({ where: { id: first } })).containerType).toBe("case");

    await addToCase(first, [second], actor);
    expect((await caseMembers(first)).map((m) => m.id)).toEqual([second]);
    await expect(addToCase(outsider, [second], actor)).rejects.toThrow(/only a case can hold/);
    await expect(addToCase(first, [first], actor)).rejects.toThrow(/cannot be added to itself/);
    const other = await make("other case");
    await promoteToCase(other, actor);
    await expect(addToCase(first, [other], actor)).rejects.toThrow(/cannot be added to another case/);

    const artifact = await db.artifact.findFirstOrThrow({ where: { containerId: second } });
    const note = await addNote({ containerId: first, title: "finding", content: "x", noteType: "general" }, actor);
    await setEvidence({ caseId: first, objectType: "artifact", objectId: artifact.id, evidence: true }, actor);
    await setEvidence({ caseId: first, objectType: "note", objectId: note.id, evidence: true }, actor);
    const outsiderArtifact = await db.artifact.findFirstOrThrow({ where: { containerId: outsider } });
    await expect(setEvidence({ caseId: first, objectType: "artifact", objectId: outsiderArtifact.id, evidence: true }, actor)).rejects.toThrow(/not in case/);
    await expect(setEvidence({ caseId: second, objectType: "note", objectId: note.id, evidence: true }, actor)).rejects.toThrow(/not a case/);
    const evidence = await caseEvidence(first);
    expect(evidence.map((e) => [e.objectType, e.containerId])).toEqual([["artifact", second], ["note", first]]);
    expect(evidence[0]!.summary).toContain(ip);

    const overview = await caseOverview(first, { timeline: true });
    expect(overview.members.map((m) => m.id)).toEqual([second]);
    expect(overview.evidence).toEqual([`note:${note.id}`]);
    expect(overview.timeline!.map((e) => e.action)).toEqual(expect.arrayContaining(["container.promote", "case.add", "evidence.mark"]));

    await setEvidence({ caseId: first, objectType: "note", objectId: note.id, evidence: false }, actor);
    expect((await caseEvidence(first)).length).toBe(1);
  });
});
