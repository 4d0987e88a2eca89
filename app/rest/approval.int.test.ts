// SOAR's /rest/approval against the running `vigil start`: an action on an asset that requires
// approval and a playbook's prompt are both listed (filters with SOAR's relation path
// `_filter_action_run__container_id`), and both are answered with SOAR's body
// {status, type: "manual", action: "prompt", responses, message}: approving runs the action
// (the test server sees the request), a prompt's answer lets the playbook go on, denying fails
// the action or the prompt with the reason. Bad requests are 4xx with a message.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";
import { startHttpServer, waitFor, type TestServer } from "@/lib/testing/action-kit";
import { graph, notes, playbook } from "@/lib/engine/testing/helpers";

let admin: Client;
let analyst: Client;
let owner: Client;
let other: Client;
let server: TestServer;
let hits = 0;
let asset: string;
let containerId: number;

beforeAll(async () => {
  [admin, analyst, owner, other] = await Promise.all([tokenClient("administrator"), tokenClient("analyst"), tokenClient("asset_owner"), tokenClient("asset_owner")]);
  server = await startHttpServer((_req, res) => {
    hits++;
    res.writeHead(200, { "content-type": "application/json" });
    res.end("{}");
  });
  const ownerId = (await db.user.findUniqueOrThrow({ where: { username: owner.username } })).id;
  asset = unique("edge-fw");
  const created = await admin.call("POST", "/rest/asset", {
    name: asset, product_vendor: "Generic", product_name: "HTTP", configuration: { base_url: server.url },
    approval_required_for: ["investigate"], primary_owners: [{ user: ownerId }],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  containerId = (await analyst.call("POST", "/rest/container", { name: unique("approval rest"), label: "events" })).body.id;
});
afterAll(async () => {
  await server?.close();
});

async function requestAction(): Promise<number> {
  const r = await analyst.call("POST", "/rest/action_run", { action: "get data", container_id: containerId, targets: [{ assets: [asset], parameters: [{ location: "/x" }] }] });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.action_run_id;
}
const pendingOf = async (c: number) =>
  (await owner.call("GET", `/rest/approval?_filter_status="pending"&_filter_action_run__container_id=${c}`)).body;
const finished = (runId: number) => waitFor(`action run ${runId}`, async () => {
  const r = await analyst.call("GET", `/rest/action_run/${runId}`);
  return ["success", "failed"].includes(r.body.status) ? r.body : null;
}, 60_000, 200);

describe("/rest/approval for actions", () => {
  it("lists a waiting action by status and container and runs it once approved with SOAR's body", async () => {
    const before = hits;
    const runId = await requestAction();
    const list = await pendingOf(containerId);
    const mine = list.data.filter((a: { action_run: number }) => a.action_run === runId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ type: "approval", approval_type: "manual", action: "get data", container: containerId, asset, status: "pending", stage: 1, owner_type: "User", close_time: null });
    expect(Date.parse(mine[0].due_time)).toBeGreaterThan(Date.now());
    // Another container's filter does not see it; a relation path that is no field is refused.
    const elsewhere = await pendingOf(containerId + 100_000);
    expect(elsewhere.data.some((a: { action_run: number }) => a.action_run === runId)).toBe(false);
    const badPath = await owner.call("GET", "/rest/approval?_filter_action_run__owner=1");
    expect(badPath.status).toBe(400);
    expect(badPath.body.message).toBe('filter _filter_action_run__owner: unknown relation path "action_run__owner"; paths from action_run: action_run__container, action_run__container_id');

    const id = mine[0].id;
    const notOwner = await other.call("POST", `/rest/approval/${id}`, { status: "approve", type: "manual", action: "prompt", responses: [], message: "" });
    expect(notOwner.status).toBe(403);
    expect(notOwner.body.message).toMatch(/not yours to answer/);
    const badStatus = await owner.call("POST", `/rest/approval/${id}`, { status: "yes" });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.message).toMatch(/status must be "approve" or "deny"/);
    expect(hits).toBe(before);

    const ok = await owner.call("POST", `/rest/approval/${id}`, { status: "approve", type: "manual", action: "prompt", responses: [], message: "change window open" });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toEqual({ success: true, id, status: "approved" });
    expect(await finished(runId)).toMatchObject({ status: "success" });
    expect(hits).toBe(before + 1);
    const after = (await owner.call("GET", `/rest/approval/${id}`)).body;
    expect(after).toMatchObject({ status: "approved", message: "change window open", responder: owner.username });
    expect(after.close_time).not.toBeNull();
    expect((await pendingOf(containerId)).data.some((a: { id: number }) => a.id === id)).toBe(false);
    const again = await owner.call("POST", `/rest/approval/${id}`, { status: "deny" });
    expect(again.status).toBe(409);
  }, 180_000);

  it("denying fails the action with the reason; unknown ids are 404", async () => {
    const runId = await requestAction();
    const id = (await pendingOf(containerId)).data.find((a: { action_run: number }) => a.action_run === runId).id;
    expect((await owner.call("POST", `/rest/approval/${id}`, { status: "deny", message: "not now" })).body.status).toBe("denied");
    expect(await finished(runId)).toMatchObject({ status: "failed" });
    expect((await db.appRun.findFirstOrThrow({ where: { actionRunId: runId } })).message).toBe(`denied by ${owner.username}: not now`);
    expect((await owner.call("GET", "/rest/approval/2000000000")).status).toBe(404);
    expect((await owner.call("POST", "/rest/approval/2000000000", { status: "approve" })).status).toBe(404);
  }, 120_000);
});

describe("/rest/approval for prompts", () => {
  const promptGraph = () => graph({
    "0": { type: "start" },
    "2": { type: "prompt", name: "ask", approver: { role: "analyst" }, message: "Block {0}?", parameters: ["container:name"], responseTime: 30,
      responses: [{ prompt: "Block it?", type: "yes/no" }, { prompt: "Why?", type: "message" }] },
    "3": { type: "decision", name: "yes", conditions: [{ type: "if", comparisons: [{ param: "ask:action_result.summary.responses.0", op: "==", value: "Yes" }] }, { type: "else", comparisons: [] }] },
    "4": { type: "utility", utility: "add_note", values: { title: "blocked", content: "ask:action_result.summary.responses.1" } },
    "5": { type: "utility", utility: "add_note", values: { title: "not blocked", content: "ask:action_result.message" } },
    "1": { type: "end" },
  }, ["0>2", "2>3", "3>4:0", "3>5:1", "4>1", "5>1"]);

  async function startPromptRun(): Promise<{ container: number; runId: number; prompt: { id: number } & Record<string, unknown> }> {
    const c = (await analyst.call("POST", "/rest/container", { name: unique("prompt rest"), label: "events" })).body.id;
    const pb = await playbook(promptGraph());
    const started = await analyst.call("POST", "/rest/playbook_run", { container_id: c, playbook_id: pb, scope: "all", run: true });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const prompt = await waitFor("the prompt", async () => (await pendingOf(c)).data[0] ?? null, 60_000, 200);
    return { container: c, runId: started.body.playbook_run_id, prompt };
  }
  const runEnded = (id: number) => waitFor(`playbook run ${id}`, async () => {
    const r = await db.playbookRun.findUniqueOrThrow({ where: { id } });
    return r.status === "running" ? null : r;
  }, 60_000, 200);

  it("lists a playbook's prompt with its questions and lets the playbook go on with the answers", async () => {
    const { container, runId, prompt } = await startPromptRun();
    expect(prompt).toMatchObject({ type: "prompt", action: "prompt", action_run: null, playbook_run: runId, container, status: "pending", owner_type: "Role",
      prompt: expect.stringMatching(/^Block prompt rest-/), questions: [{ prompt: "Block it?", type: "yes/no" }, { prompt: "Why?", type: "message" }] });
    const wrong = await analyst.call("POST", `/rest/approval/${prompt.id}`, { status: "approve", type: "manual", action: "prompt", responses: ["Maybe", "x"] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toMatch(/answer one of Yes, No/);
    const notTheirs = await owner.call("POST", `/rest/approval/${prompt.id}`, { status: "approve", responses: ["Yes", "x"] });
    expect(notTheirs.status).toBe(403);

    const ok = await analyst.call("POST", `/rest/approval/${prompt.id}`, { status: "approve", type: "manual", action: "prompt", responses: ["Yes", "seen on 3 hosts"], message: "" });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.status).toBe("approved");
    expect((await runEnded(runId)).status).toBe("success");
    expect((await notes(container)).map((n) => [n.title, n.content])).toEqual([["blocked", "seen on 3 hosts"]]);
    expect((await analyst.call("GET", `/rest/approval/${prompt.id}`)).body).toMatchObject({ status: "approved", responses: ["Yes", "seen on 3 hosts"], responder: analyst.username });
  }, 180_000);

  it("denying a prompt resumes the playbook with a failed result carrying the reason", async () => {
    const { container, runId, prompt } = await startPromptRun();
    const denied = await analyst.call("POST", `/rest/approval/${prompt.id}`, { status: "deny", type: "manual", action: "prompt", message: "false positive" });
    expect(denied.body.status).toBe("denied");
    expect((await runEnded(runId)).status).toBe("success");
    expect((await notes(container)).map((n) => [n.title, n.content])).toEqual([["not blocked", `denied by ${analyst.username}: false positive`]]);
    const listed = await analyst.call("GET", `/rest/approval?_filter_status="denied"&_filter_action_run__container_id=${container}`);
    expect(listed.body.data.map((a: { id: number }) => a.id)).toEqual([prompt.id]);
  }, 180_000);
});
