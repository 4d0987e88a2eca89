import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { newContainerSchema } from "../schemas/containers";
import type { Actor } from "./actor";
import { createArtifacts } from "./artifacts";
import { chainOf, verifyAuditChain } from "./audit";
import { createContainer, deleteContainer, getContainer, updateContainer } from "./containers";
import { findIndicatorByValue } from "./indicators";

const actor: Actor = { id: null, name: "domain-test", role: "system" };
const unique = (p: string) => `${p}-${randomUUID().slice(0, 8)}`;

describe("containers in the domain layer", () => {
  it("creates a container with artifacts and indicators in one transaction, once per SDI", async () => {
    const ip = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.7`;
    const input = newContainerSchema.parse({
      name: "domain event", source_data_identifier: unique("sdi"),
      artifacts: [{ cef: { sourceAddress: ip } }, { cef: { sourceAddress: ip, requestURL: `http://${ip}/x` } }],
    });
    const created = await createContainer(input, actor);
    expect(created.created).toBe(true);
    expect(created.artifacts.map((a) => a.created)).toEqual([true, true]);
    const again = await createContainer(input, actor);
    expect(again).toEqual({ id: created.id, created: false, artifacts: [] });
    expect((await getContainer(created.id)).artifactCount).toBe(2);
    const indicator = await findIndicatorByValue(ip);
    expect(indicator).toMatchObject({ types: ["ip"], count: 2, containerCount: 1 });
  });

  it("keeps one verifiable audit chain per container, surviving concurrent writers and deletion", async () => {
    const ids = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        createContainer(newContainerSchema.parse({ name: `chain ${i}`, artifacts: [{ cef: { fileName: `f${i}.exe` } }] }), actor),
      ),
    );
    const target = ids[0]!.id;
    await Promise.all([
      updateContainer(target, { status: "open" }, actor),
      createArtifacts([{ ...newContainerSchema.shape.artifacts.parse([{ name: "late" }])[0]!, container_id: target }], actor),
    ]);
    await deleteContainer(ids[1]!.id, actor);
    const chain = await db.auditLog.findMany({ where: { chain: chainOf(target) }, orderBy: { id: "asc" } });
    expect(chain.map((r) => r.action).sort()).toEqual(["artifact.create", "container.create", "container.status"]);
    expect(await db.$transaction((tx) => verifyAuditChain(tx))).toBeNull();
    const opened = await getContainer(target);
    expect(opened.status).toBe("open");
    expect(opened.openTime).toBeInstanceOf(Date);
  });
});
