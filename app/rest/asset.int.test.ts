// Asset secrets never leave Vigil: not in any REST answer, not in app run results, not in the
// audit trail, not in a log line of the server that ran them (its output, at debug level, is
// captured and searched).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db/client";
import { SYSTEM } from "@/lib/domain/actor";
import { createApiToken } from "@/lib/domain/api-tokens";
import { createUser } from "@/lib/domain/users";
import { expectPhantomShape, fixture, unique } from "@/lib/rest/rest-test-kit";
import { startHttpServer, waitFor, type TestServer } from "@/lib/testing/action-kit";
import { startVigil, type VigilProcess } from "@/lib/testing/vigil-process";

const TOKEN = `tok-${randomUUID()}`;
const PASSWORD = `pw-${randomUUID()}`;
let vigil: VigilProcess;
let server: TestServer;
let token: string;

async function call(method: string, p: string, body?: unknown) {
  const res = await fetch(`${vigil.url}${p}`, {
    method, headers: { "ph-auth-token": token, ...(body ? { "content-type": "application/json" } : {}) }, body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) };
}

beforeAll(async () => {
  const saved = { level: process.env.LOG_LEVEL, key: process.env.VIGIL_SECRET_KEY };
  process.env.LOG_LEVEL = "debug";
  process.env.VIGIL_SECRET_KEY = inject("secretKey");
  vigil = await startVigil({ databaseUrl: inject("databaseUrl") });
  process.env.LOG_LEVEL = saved.level;
  process.env.VIGIL_SECRET_KEY = saved.key;
  const { user } = await createUser({ username: unique("secrets"), role: "administrator", password: "correct horse battery" }, SYSTEM);
  token = (await createApiToken(user.id, "secrets test", SYSTEM)).token;
  // Echoes the request headers back: the app sends the secret, the server repeats it.
  server = await startHttpServer((req, res) => {
    res.writeHead(200, { "content-type": "application/json", "x-echo-token": String(req.headers["x-api-key"] ?? "") });
    res.end(JSON.stringify({ headers: req.headers }));
  });
}, 180_000);

afterAll(async () => {
  await server?.close();
  await vigil?.stop();
});

describe("asset secrets", () => {
  it("are sealed at rest, shown only as 'set', redacted from results, and absent from every log line", async () => {
    const name = unique("secret-http");
    const created = await call("POST", "/rest/asset", {
      name, product_vendor: "Generic", product_name: "HTTP",
      configuration: { base_url: server.url, auth_token_name: "X-API-Key", auth_token: TOKEN, username: "alice", password: PASSWORD },
      primary_owners: [{ role: "asset_owner" }], approval_required_for: ["contain"],
    });
    expect(created.status).toBe(200);
    const id: number = created.body.id;

    const row = await db.asset.findUniqueOrThrow({ where: { id } });
    const stored = row.configuration as Record<string, string>;
    expect(stored.auth_token).toMatch(/^enc:v1:/);
    expect(JSON.stringify(row)).not.toContain(TOKEN);
    expect(JSON.stringify(row)).not.toContain(PASSWORD);

    const detail = await call("GET", `/rest/asset/${id}`);
    expectPhantomShape(detail.body, fixture("Phantom_asset"), "asset detail");
    expect(detail.body.configuration).toMatchObject({ auth_token: "set", password: "set", username: "alice", base_url: server.url });
    expect(detail.body).toMatchObject({ primary_owners: [{ role: "asset_owner" }], approval_required_for: ["contain"] });
    const list = await call("GET", `/rest/asset?_filter_name="${name}"`);
    expectPhantomShape(list.body.data[0], fixture("Phantom_assets").data[0], "asset list row");

    // "set" keeps the stored secret; the runs below still authenticate with it.
    expect((await call("POST", `/rest/asset/${id}`, { configuration: { auth_token: "set" }, description: "kept" })).status).toBe(200);
    expect((await db.asset.findUniqueOrThrow({ where: { id } })).configuration).toMatchObject({ auth_token: stored.auth_token });

    const container = (await call("POST", "/rest/container", { name: "secrets" })).body.id;
    const parameters = Array.from({ length: 40 }, (_, i) => ({ location: `/echo?i=${i}` }));
    const run = await call("POST", "/rest/action_run", { action: "get data", container_id: container, targets: [{ assets: [name], parameters }] });
    const runId = run.body.action_run_id;
    await waitFor("the runs to finish", async () => (await call("GET", `/rest/action_run/${runId}`)).body.status === "success", 60_000);
    const appRuns = await call("GET", `/rest/app_run?_filter_action_run=${runId}&page_size=0`);
    expect(appRuns.body.count).toBe(40);
    const one = await call("GET", `/rest/app_run/${appRuns.body.data[0].id}`);
    // The server echoed the token; Vigil stores and shows it redacted.
    expect(one.body.result_data[0].data[0].response_headers["x-echo-token"]).toBe("[redacted]");

    const audit = await db.auditLog.findMany({ where: { objectType: "asset", objectId: String(id) } });
    expect(audit.map((a) => a.action)).toEqual(["asset.create", "asset.update"]);

    // Both this server's worker and the test setup's take runs; go on until this one has run
    // some (its debug lines say so), so its log has really been through app runs.
    for (let i = 0; i < 30 && !vigil.output().includes('"msg":"app run finished"'); i++) {
      const more = await call("POST", "/rest/action_run", { action: "get data", container_id: container, targets: [{ assets: [name], parameters: [{ location: "/echo" }] }] });
      await waitFor("the run to finish", async () => (await call("GET", `/rest/action_run/${more.body.action_run_id}`)).body.status === "success", 30_000);
    }

    const everything = [
      created.text, detail.text, list.text, one.text, appRuns.text, JSON.stringify(audit, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v)),
      JSON.stringify(await db.appRun.findMany({ where: { actionRunId: runId } })), vigil.output(),
    ];
    for (const text of everything) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(PASSWORD);
    }
    // The captured server did run some of them (debug lines), so its log was put to the test.
    expect(vigil.output()).toContain('"msg":"app run finished"');
  });
});
