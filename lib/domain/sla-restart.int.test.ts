// SLA clocks survive a restart of every Vigil process: a Vigil with its own embedded PostgreSQL
// gets a container due in a few seconds and, on another container, a workbook phase and task,
// an approval and a playbook prompt each due in a minute (the shortest SLA they take); then
// `vigil start` and its PostgreSQL are both killed with SIGKILL before anything is due. Once
// every due time has passed a new `vigil start` on the same data directory fires each clock
// exactly once: the breaches of the container, phase, task and prompt, and the approval's
// escalation (its clock escalates before it breaches). A second clean restart fires none again.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startHttpServer, waitFor, type TestServer } from "@/lib/testing/action-kit";
import { startVigil, type VigilProcess } from "@/lib/testing/vigil-process";

let vigil: VigilProcess | undefined;
let http: TestServer | undefined;
afterAll(async () => {
  await vigil?.stop();
  await http?.close();
});

const auth = { authorization: `Basic ${Buffer.from("admin:vigil-admin").toString("base64")}`, "content-type": "application/json" };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- REST answers read loosely
async function rest(method: string, p: string, body?: unknown): Promise<any> {
  // Just after a restart a busy machine may answer 503 "retry in a moment" (no free connection
  // yet, nothing saved): retried as a client would.
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(`${vigil!.url}${p}`, { method, headers: auth, body: body === undefined ? undefined : JSON.stringify(body) });
    if (res.status !== 503 || attempt === 5) return res.json();
    await new Promise((r) => setTimeout(r, 1000));
  }
}
/** How many audit rows of `action` on `objectType` the container's chain holds. */
const fired = async (containerId: number, action: string, objectType: string): Promise<number> =>
  (await rest("GET", `/rest/container/${containerId}/audit?page_size=0`)).data
    .filter((r: { action: string; object_type: string }) => r.action === action && r.object_type === objectType).length;

const suffix = Date.now().toString(36);

/** A container carrying a phase and a task, an approval and a prompt, each on a one-minute clock. */
async function workOnAContainer(): Promise<number> {
  const template = await rest("POST", "/rest/workbook_template", {
    name: `restart ${suffix}`, labels: [`restart-${suffix}`], phases: [{ name: "Contain", sla: 1, tasks: [{ name: "Isolate host", sla: 1 }] }],
  });
  expect(template.success, JSON.stringify(template)).toBe(true);
  const c = await rest("POST", "/rest/container", { name: "work due while down", label: `restart-${suffix}` });
  expect(c.success, JSON.stringify(c)).toBe(true);
  const asset = await rest("POST", "/rest/asset", {
    name: `gated ${suffix}`, product_vendor: "Generic", product_name: "HTTP", configuration: { base_url: http!.url },
    approval_required_for: ["investigate"], approval_sla_minutes: 1, primary_owners: [{ user: "owner" }],
  });
  expect(asset.success, JSON.stringify(asset)).toBe(true);
  const run = await rest("POST", "/rest/action_run", { action: "get data", container_id: c.id, targets: [{ assets: [`gated ${suffix}`], parameters: [{ location: "/x" }] }] });
  expect(run.success, JSON.stringify(run)).toBe(true);
  const graph = {
    nodes: {
      "0": { id: "0", type: "start", data: { type: "start" } },
      "2": { id: "2", type: "prompt", data: { type: "prompt", name: "ask", approver: { user: "analyst" }, message: "Isolate {0}?", parameters: ["container:name"], responseTime: 1, responses: [{ prompt: "Isolate?", type: "yes/no" }] } },
      "1": { id: "1", type: "end", data: { type: "end" } },
    },
    edges: [{ source: "0", target: "2" }, { source: "2", target: "1" }],
  };
  const pb = await rest("POST", "/rest/playbook", { name: `ask ${suffix}`, graph });
  expect(pb.success, JSON.stringify(pb)).toBe(true);
  expect((await rest("POST", "/rest/playbook_run", { container_id: c.id, playbook_id: pb.id, scope: "all", run: true })).playbook_run_id).toBeGreaterThan(0);
  // Both waits are in the database before anything is killed: the approval and the prompt.
  await waitFor("the approval and the prompt", async () => (await rest("GET", `/rest/approval?_filter_action_run__container_id=${c.id}`)).count >= 2, 60_000, 250);
  return c.id;
}

describe("SLA clocks across a restart of everything", () => {
  it("fires each clock that came due while every process was down, once", async () => {
    http = await startHttpServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end("{}"));
    vigil = await startVigil({ demo: true, startTimeoutMs: 300_000 });
    const dataDir = vigil.dataDir;
    const workDue = Date.now() + 60_000;
    const work = await workOnAContainer();
    const due = Date.now() + 4000;
    const c = await rest("POST", "/rest/container", { name: "due while down", label: "events", due_time: new Date(due).toISOString() });
    expect(c.success).toBe(true);
    const postmaster = Number((await readFile(path.join(dataDir, "pg", "postmaster.pid"), "utf8")).split("\n")[0]);
    vigil.child.kill("SIGKILL");
    process.kill(postmaster, "SIGKILL");
    await new Promise((r) => vigil!.child.once("exit", r));
    const port = Number(new URL(vigil.url).port);
    vigil = undefined;
    // Down until well past every due time.
    await new Promise((r) => setTimeout(r, Math.max(0, workDue - Date.now(), due - Date.now()) + 1500));
    vigil = await startVigil({ dataDir, port, demo: true, startTimeoutMs: 300_000 });
    const expected: [number, string, string][] = [
      [c.id, "sla.breach", "container"], [work, "sla.breach", "phase"], [work, "sla.breach", "task"],
      [work, "sla.breach", "prompt"], [work, "approval.escalate", "approval"],
    ];
    const counts = () => Promise.all(expected.map(([id, action, type]) => fired(id, action, type)));
    await waitFor("every clock after the restart", async () => (await counts()).every((n) => n > 0), 60_000, 500);
    await new Promise((r) => setTimeout(r, 3000));
    expect(await counts()).toEqual([1, 1, 1, 1, 1]);
    // And a second clean restart does not fire them again.
    await vigil.stop();
    vigil = await startVigil({ dataDir, port, demo: true, startTimeoutMs: 300_000 });
    await new Promise((r) => setTimeout(r, 3000));
    expect(await counts()).toEqual([1, 1, 1, 1, 1]);
  }, 900_000);
});
