// Action blocks through the apps layer: the engine starts an action run (HTTP app "get data"
// against a real loopback server) in the turn's transaction, the running `vigil start`'s job
// runner performs the app runs, and the action run's final status resumes the playbook.
import type http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { tokenClient, unique, type Client } from "../rest/rest-test-kit";
import { startHttpServer, type TestServer } from "../testing/action-kit";
import { Engine } from "./runner";
import { container, graph, notes, playbook, runToEnd, steps } from "./testing/helpers";

let admin: Client;
let server: TestServer;
let engine: Engine;

beforeAll(async () => {
  admin = await tokenClient("administrator");
  server = await startHttpServer((req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(req.url === "/missing" ? 404 : 200, { "content-type": "application/json" });
    res.end(JSON.stringify({ path: req.url }));
  });
  engine = new Engine(`engine-actions-${process.pid}`, { pollMs: 100 });
  await engine.start();
});
afterAll(async () => {
  await engine.stop();
  await server?.close();
});

describe("action blocks", () => {
  it("run an action per artifact on an asset, wait for it and read its results with their artifact context", async () => {
    const assetName = unique("http");
    expect((await admin.call("POST", "/rest/asset", { name: assetName, product_vendor: "Generic", product_name: "HTTP", configuration: { base_url: server.url } })).status).toBe(200);
    const c = await container([{ requestURL: "/one" }, { requestURL: "/missing" }]);
    const pb = await playbook(graph({
      "0": { type: "start" },
      "2": { type: "action", name: "get_data_1", action: "get data", assets: [assetName], parameters: { location: "artifact:*.cef.requestURL" } },
      "3": { type: "decision", name: "any_ok", conditions: [{ type: "if", comparisons: [{ param: "get_data_1:action_result.status", op: "==", value: "success" }] }] },
      "4": { type: "format", name: "report", template: "%%{0} {1} {2}\n%%", parameters: ["get_data_1:action_result.parameter.location", "get_data_1:action_result.status", "get_data_1:action_result.parameter.context.artifact_id"] },
      "5": { type: "utility", utility: "add_note", values: { title: "fetched", content: "report:formatted_data" } },
      "6": { type: "format", name: "messages", template: "{0}", parameters: ["get_data_1:action_result.message"] },
      "7": { type: "utility", utility: "add_note", values: { title: "messages", content: "messages:formatted_data" } },
      "1": { type: "end" },
    }, ["0>2", "2>3", "3>4:0", "4>5", "5>6", "6>7", "7>1"]));
    const run = await runToEnd(pb, c, { scope: "all" });
    expect([run.status, run.message]).toEqual(["success", "playbook run succeeded"]);
    const arts = await db.artifact.findMany({ where: { containerId: c }, orderBy: { id: "asc" } });
    expect((await notes(c))[0]!.content).toBe(`/one success ${arts[0]!.id}\n/missing failed ${arts[1]!.id}\n`);
    const actionRuns = await db.actionRun.findMany({ where: { containerId: c }, include: { appRuns: { orderBy: { id: "asc" } } } });
    // .message: each result's own message (SOAR's action_result.message, not the app run's summary line), in result order.
    const messages = actionRuns[0]!.appRuns.map((a) => (a.resultData as { message: string }[])[0]!.message);
    expect(messages.every((m) => m.length > 0)).toBe(true);
    expect((await notes(c))[1]!.content).toBe(messages.join(", "));
    expect(actionRuns).toHaveLength(1);
    expect(actionRuns[0]!.appRuns).toHaveLength(2);
    expect((await steps(run.id)).map((s) => s.blockName)).toContain("get_data_1");
  });

  it("fails the block with the apps layer's reason when the asset does not exist", async () => {
    const c = await container([{ requestURL: "/x" }]);
    const run = await runToEnd(await playbook(graph({
      "0": { type: "start" },
      "2": { type: "action", name: "fetch", action: "get data", assets: ["no such asset"], parameters: { location: "artifact:*.cef.requestURL" } },
      "1": { type: "end" },
    }, ["0>2", "2>1"])), c);
    expect([run.status, run.message]).toEqual(["failed", 'block fetch failed: targets[0].assets[0]: no asset "no such asset"']);
  });
});
