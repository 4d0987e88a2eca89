// The breach of an SLA clock survives a restart of every Vigil process: a Vigil with its own
// embedded PostgreSQL gets a container due in a few seconds, then `vigil start` and its
// PostgreSQL are both killed with SIGKILL before it is due; once the due time has passed a new
// `vigil start` on the same data directory fires the breach, exactly once.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { waitFor } from "@/lib/testing/action-kit";
import { startVigil, type VigilProcess } from "@/lib/testing/vigil-process";

let vigil: VigilProcess | undefined;
afterAll(async () => {
  await vigil?.stop();
});

const auth = { authorization: `Basic ${Buffer.from("admin:vigil-admin").toString("base64")}`, "content-type": "application/json" };
async function rest(method: string, p: string, body?: unknown) {
  const res = await fetch(`${vigil!.url}${p}`, { method, headers: auth, body: body === undefined ? undefined : JSON.stringify(body) });
  return res.json();
}
const breaches = async (id: number): Promise<number> =>
  (await rest("GET", `/rest/container/${id}/audit?page_size=0`)).data.filter((r: { action: string }) => r.action === "sla.breach").length;

describe("SLA clocks across a restart of everything", () => {
  it("fires a breach that came due while every process was down, once", async () => {
    vigil = await startVigil({ demo: true, startTimeoutMs: 300_000 });
    const dataDir = vigil.dataDir;
    const due = Date.now() + 4000;
    const c = await rest("POST", "/rest/container", { name: "due while down", label: "events", due_time: new Date(due).toISOString() });
    expect(c.success).toBe(true);
    const postmaster = Number((await readFile(path.join(dataDir, "pg", "postmaster.pid"), "utf8")).split("\n")[0]);
    vigil.child.kill("SIGKILL");
    process.kill(postmaster, "SIGKILL");
    await new Promise((r) => vigil!.child.once("exit", r));
    const port = Number(new URL(vigil.url).port);
    vigil = undefined;
    // Down until well past the due time.
    await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now()) + 1500));
    vigil = await startVigil({ dataDir, port, demo: true, startTimeoutMs: 300_000 });
    await waitFor("the breach after the restart", async () => (await breaches(c.id)) > 0, 30_000, 250);
    await new Promise((r) => setTimeout(r, 3000));
    expect(await breaches(c.id)).toBe(1);
    // And a second clean restart does not fire it again.
    await vigil.stop();
    vigil = await startVigil({ dataDir, port, demo: true, startTimeoutMs: 300_000 });
    await new Promise((r) => setTimeout(r, 3000));
    expect(await breaches(c.id)).toBe(1);
  }, 900_000);
});
