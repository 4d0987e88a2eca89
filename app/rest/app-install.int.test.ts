// Installing apps from a tarball over REST (POST /rest/app, SOAR's {"app": "<base64>"}), then
// running them through the worker of the running `vigil start`; upgrading to a new version
// (new runs get the new code), disabling and enabling (POST /rest/app/<id>), and refusals that
// name the file and field at fault.
import { gzipSync } from "node:zlib";
import tar from "tar-stream";
import { beforeAll, describe, expect, it } from "vitest";
import { tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";
import { runAction } from "@/lib/testing/action-kit";

async function tarball(files: Record<string, string>, folder = ""): Promise<string> {
  const pack = tar.pack();
  for (const [name, content] of Object.entries(files)) pack.entry({ name: folder + name }, content);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return gzipSync(Buffer.concat(chunks)).toString("base64");
}

const manifest = (appid: string, version: string, extra: Record<string, unknown> = {}) => JSON.stringify({
  appid, name: "Greeter", product_vendor: "Vigil Tests", product_name: `Greeter ${appid}`, app_version: version,
  actions: [{ action: "greet", identifier: "greet", type: "investigate", parameters: { who: { data_type: "string", required: true } } }],
  ...extra,
});
const code = (greeting: string) => `module.exports = { actions: {
  greet: async (ctx, p) => ({ status: "success", message: "${greeting} " + p.who, data: [{ greeting: "${greeting}" }], summary: {} }),
} };`;

let admin: Client;
let analyst: Client;
let containerId: number;

beforeAll(async () => {
  [admin, analyst] = [await tokenClient("administrator"), await tokenClient("analyst")];
  containerId = (await admin.call("POST", "/rest/container", { name: "installed apps" })).body.id;
});

const greet = (asset: string) => runAction(analyst, { action: "greet", container_id: containerId, targets: [{ assets: [asset], parameters: [{ who: "world" }] }] }, 60_000);

describe("app install from a tarball", () => {
  it("installs, runs, upgrades to a new version, and disables and enables an app", async () => {
    const appid = unique("greeter");
    const installed = await admin.call("POST", "/rest/app", { app: await tarball({ "manifest.json": manifest(appid, "1.0.0"), "index.js": code("hello") }, "greeter/") });
    expect(installed.status, JSON.stringify(installed.body)).toBe(200);
    expect(installed.body).toMatchObject({ success: true, app_version: "1.0.0", upgraded: false, previous_version: null });
    const id = installed.body.id as number;
    expect((await admin.call("GET", `/rest/app/${id}`)).body).toMatchObject({ appid, app_version: "1.0.0", builtin: false, disabled: false, main_module: "index.js" });

    const asset = unique("greeter");
    expect((await admin.call("POST", "/rest/asset", { name: asset, app_id: id })).status).toBe(200);
    const first = await greet(asset);
    expect(first.appRuns[0].result_data[0]).toMatchObject({ status: "success", message: "hello world" });

    const upgraded = await admin.call("POST", "/rest/app", { app: await tarball({ "manifest.json": manifest(appid, "2.0.0"), "index.js": code("bonjour") }) });
    expect(upgraded.body).toMatchObject({ id, app_version: "2.0.0", upgraded: true, previous_version: "1.0.0" });
    const second = await greet(asset);
    expect(second.appRuns[0].result_data[0].message).toBe("bonjour world");
    expect(second.appRuns[0].app_version).toBe("2.0.0");

    expect((await admin.call("POST", `/rest/app/${id}`, { disabled: true })).body).toMatchObject({ success: true, disabled: true });
    const refused = await analyst.call("POST", "/rest/action_run", { action: "greet", container_id: containerId, targets: [{ assets: [asset], parameters: [{ who: "x" }] }] });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/the app "Greeter" of asset ".*" is disabled/);
    expect((await admin.call("POST", `/rest/app/${id}`, { disabled: false })).body).toMatchObject({ disabled: false });
    expect((await greet(asset)).actionRun.status).toBe("success");
  }, 120_000);

  it("refuses bad tarballs naming the file and field at fault, and non-administrators", async () => {
    const appid = unique("broken");
    const cases: [Record<string, unknown>, number, string | RegExp][] = [
      [{ app: await tarball({ "manifest.json": manifest(appid, "1.0.0") }) }, 400, "index.js: missing (the app's JavaScript bundle, whose default export is { actions })"],
      [{ app: await tarball({ "index.js": code("x") }) }, 400, "manifest.json: missing (the app's SOAR-style metadata)"],
      [{ app: await tarball({ "manifest.json": "{nope", "index.js": code("x") }) }, 400, /^manifest\.json: not valid JSON/],
      [{ app: await tarball({ "manifest.json": manifest(appid, "1.0.0", { actions: [{ action: "a", identifier: "a", type: "explode", parameters: {} }] }), "index.js": code("x") }) }, 400, /^manifest\.json: actions\[0\]\.type: /],
      [{ app: await tarball({ "manifest.json": manifest(appid, ""), "index.js": code("x") }) }, 400, /^manifest\.json: app_version: /],
      [{ app: Buffer.from("not a tarball at all, just text").toString("base64") }, 400, /^app: not a readable tar file/],
      [{ nope: 1 }, 400, /^app: expected the app tarball in base64/],
    ];
    for (const [body, status, message] of cases) {
      const res = await admin.call("POST", "/rest/app", body);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body.message).toMatch(message);
    }
    // The built-in HTTP app's appid cannot be taken over by an upload.
    const builtin = (await admin.call("GET", "/rest/app?_filter_name=%22HTTP%22")).body.data[0];
    const takeover = await admin.call("POST", "/rest/app", { app: await tarball({ "manifest.json": manifest(builtin.appid, "9.9.9"), "index.js": code("x") }) });
    expect(takeover.status).toBe(409);
    expect(takeover.body.message).toBe(`manifest.json: appid: ${builtin.appid} is the built-in HTTP app, which cannot be replaced`);
    expect((await analyst.call("POST", "/rest/app", { app: await tarball({ "manifest.json": manifest(appid, "1.0.0"), "index.js": code("x") }) })).status).toBe(403);
    expect((await analyst.call("POST", `/rest/app/${builtin.id}`, { disabled: true })).status).toBe(403);
    expect((await admin.call("POST", `/rest/app/${builtin.id}`, { disabled: "yes" })).status).toBe(400);
  }, 60_000);
});
