// The custom lists app through the whole path: POST /rest/action_run, the worker of the running
// `vigil start`, the app's child process, ctx.lists over the IPC channel, and the list in the
// database changed on behalf of the user who started the run (its audit row names them).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createCustomList, getCustomList } from "@/lib/domain/custom-lists";
import { SYSTEM } from "@/lib/domain/actor";
import { tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";
import { runAction } from "@/lib/testing/action-kit";
import { listsCall } from "./lists-call";

let analyst: Client;
let admin: Client;
let containerId: number;
let assetName: string;

beforeAll(async () => {
  admin = await tokenClient("administrator");
  analyst = await tokenClient("analyst");
  containerId = (await admin.call("POST", "/rest/container", { name: "custom lists app" })).body.id;
  assetName = unique("lists");
  const created = await admin.call("POST", "/rest/asset", { name: assetName, product_vendor: "Vigil", product_name: "Custom Lists" });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
});

const run = (action: string, parameters: Record<string, unknown>[]) =>
  runAction(analyst, { action, container_id: containerId, targets: [{ assets: [assetName], parameters }] });

describe("custom lists app on the job runner", () => {
  it("adds, checks and removes rows of a list in the database, as the run's user", async () => {
    const list = unique("Blocked domains");
    const { id } = await createCustomList(list, [["evil.example"]], SYSTEM);

    const added = await run("add listitem", [{ list, new_row: '["bad.example", "phishing"]' }]);
    expect(added.actionRun.status).toBe("success");
    expect((await getCustomList(id)).content).toEqual([["evil.example"], ["bad.example", "phishing"]]);
    const audit = await db.auditLog.findFirst({ where: { action: "custom_list.update", objectId: String(id) }, orderBy: { id: "desc" } });
    expect(audit?.actorName).toBe(analyst.username);

    const checked = await run("check list", [{ list, value: "bad.example" }, { list, value: "good.example" }]);
    expect(checked.appRuns.map((r) => r.result_data[0].summary.is_in_list)).toEqual([true, false]);

    const removed = await run("remove listitem", [{ list, value: "evil.example" }]);
    expect(removed.appRuns[0]!.result_data[0].summary).toMatchObject({ removed_rows: 1, total_rows: 1 });
    expect((await getCustomList(id)).content).toEqual([["bad.example", "phishing"]]);
  }, 60_000);

  it("turns a missing list into a failed result with its message (the kind crossed the process boundary)", async () => {
    const missing = unique("no such list");
    const { actionRun, appRuns } = await run("check list", [{ list: missing, value: "x" }]);
    expect(actionRun.status).toBe("failed");
    expect(appRuns[0]!.result_data[0].message).toMatch(/does not exist/);
    // A definite refusal is not retried as a transient failure.
    expect(appRuns[0]!.attempt).toBe(1);
    const created = await run("add listitem", [{ list: missing, new_row: "first", create: true }]);
    expect(created.actionRun.status).toBe("success");
    expect((await db.customList.findFirst({ where: { name: missing } }))?.content).toEqual([["first"]]);
  }, 60_000);

  it("refuses list calls from any other app", async () => {
    const list = unique("private");
    await createCustomList(list, [["x"]], SYSTEM);
    await expect(listsCall("http", { creator_id: null, creator_name: "" }, "lists.find", [list, "x", { exact: true }])).rejects.toThrow("only the custom lists app may use custom lists");
    await expect(listsCall("custom-lists", { creator_id: null, creator_name: "" }, "lists.find", [list, "x", { exact: true }])).resolves.toMatchObject({ matches: [{ rowIndex: 0 }] });
  });
});
