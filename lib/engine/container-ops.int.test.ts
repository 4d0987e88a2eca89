// The container operations the issue lists that other engine tests do not reach: sensitivity,
// owner, pin, promote to case, add artifact (which, as SOAR's add_artifact, starts no playbook)
// and add to a custom list, from graph utility blocks and from a code playbook.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { chainOf, verifyAuditChain } from "../domain/audit";
import { createCustomList, getCustomList } from "../domain/custom-lists";
import { setPlaybookActive } from "../domain/playbooks";
import { createUser } from "../domain/users";
import { newUserSchema } from "../schemas/users";
import { Engine } from "./runner";
import { actor, container, graph, playbook, runToEnd, uniq } from "./testing/helpers";

let engine: Engine;
beforeAll(async () => {
  engine = new Engine(`container-ops-${process.pid}`, { pollMs: 100 });
  await engine.start();
});
afterAll(() => engine.stop());

const utility = (utility: string, values: Record<string, unknown>) => ({ type: "utility", utility, values });

describe("container operations", () => {
  it("set sensitivity and owner, pin, add an artifact and a list row, promote to case, from graph blocks", async () => {
    const owner = `ops-${uniq()}`;
    await createUser(newUserSchema.parse({ username: owner, role: "analyst" }), actor);
    const listName = `ops list ${uniq()}`;
    await createCustomList(listName, [["seed"]], actor);
    const label = `ops_${uniq()}`;
    const c = await container([{ sourceAddress: "10.1.1.1" }], { label, sensitivity: "amber" });
    const pb = await playbook(graph({
      "0": { type: "start" },
      "2": utility("set_sensitivity", { sensitivity: "red" }),
      "3": utility("set_owner", { owner }),
      "4": utility("pin", { message: "Source", data: "artifact:*.cef.sourceAddress" }),
      "5": utility("add_artifact", { name: "enriched", label: "enrichment", severity: "high", "cef.sourceAddress": "artifact:*.cef.sourceAddress", "cef.deviceCustomString1": "seen" }),
      "6": utility("add_to_list", { list: listName, values: "artifact:*.cef.sourceAddress" }),
      "7": utility("promote_to_case", {}),
      "1": { type: "end" },
    }, ["0>2", "2>3", "3>4", "4>5", "5>6", "6>7", "7>1"]), { labels: [label] });
    // Active on the container's label once the container's own trigger is gone: were the artifact
    // the playbook adds to start playbooks, this one would run a second time.
    for (let i = 0; i < 300 && (await db.playbookTrigger.count({ where: { containerId: c } })) > 0; i++) await new Promise((r) => setTimeout(r, 100));
    await setPlaybookActive(pb, true, actor);
    const run = await runToEnd(pb, c);
    expect(run.status, run.message).toBe("success");
    const after = await db.container.findUniqueOrThrow({ where: { id: c }, include: { owner: true } });
    expect([after.sensitivity, after.owner?.username, after.containerType]).toEqual(["red", owner, "case"]);
    expect((await db.containerPin.findMany({ where: { containerId: c } })).map((p) => [p.message, p.data])).toEqual([["Source", "10.1.1.1"]]);
    const added = await db.artifact.findMany({ where: { containerId: c, name: "enriched" } });
    expect(added.map((a) => [a.label, a.severity, a.cef])).toEqual([["enrichment", "high", { sourceAddress: "10.1.1.1", deviceCustomString1: "seen" }]]);
    expect((await getCustomList(listName)).content).toEqual([["seed"], ["10.1.1.1"]]);
    // The artifact the playbook added started nothing: its one run is the only one.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await db.playbookRun.count({ where: { containerId: c } })).toBe(1);
    expect(await db.playbookTrigger.count({ where: { containerId: c } })).toBe(0);
    // The turn's audit rows, written together at its commit, chain as rows written one by one do.
    const audited = await db.auditLog.findMany({ where: { chain: chainOf(c) }, orderBy: { id: "asc" } });
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(["container.create", "pin.create", "artifact.create", "container.promote"]));
    expect(await db.$transaction((tx) => verifyAuditChain(tx, chainOf(c)))).toBeNull();
  });

  it("does the same from a code playbook, and a refused change fails the run with the reason", async () => {
    const listName = `code list ${uniq()}`;
    await createCustomList(listName, [], actor);
    const c = await container([{ destinationDnsDomain: "evil.example" }]);
    const code = `
      function on_start(container) {
        const [[domain]] = phantom.collect2(["artifact:*.cef.destinationDnsDomain"]);
        phantom.set_sensitivity("green");
        phantom.pin("Domain", domain);
        phantom.add_artifact("from code", { destinationDnsDomain: domain.toUpperCase() }, "code");
        phantom.add_to_list(${JSON.stringify(listName)}, [domain, "blocked"]);
        phantom.debug("did " + domain);
      }`;
    const run = await runToEnd(await playbook(null, { code }), c);
    expect(run.status, run.message).toBe("success");
    expect((await db.container.findUniqueOrThrow({ where: { id: c } })).sensitivity).toBe("green");
    expect((await db.containerPin.findMany({ where: { containerId: c } })).map((p) => p.data)).toEqual(["evil.example"]);
    expect((await db.artifact.findMany({ where: { containerId: c, name: "from code" } })).map((a) => a.cef)).toEqual([{ destinationDnsDomain: "EVIL.EXAMPLE" }]);
    expect((await getCustomList(listName)).content).toEqual([["evil.example", "blocked"]]);
    expect((await db.playbookRunLog.findMany({ where: { runId: run.id, level: "debug" } })).map((l) => l.message)).toEqual(["did evil.example"]);

    const missing = await runToEnd(await playbook(null, { code: "function on_start() { phantom.add_to_list('no such list " + uniq() + "', ['x']); }" }), c);
    expect(missing.status).toBe("failed");
    expect(missing.message).toMatch(/does not exist/);
  });
});
