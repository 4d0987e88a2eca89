import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { expectPhantomShape, fixture, tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";

let bot: Client;
let admin: Client;
let containerId: number;

beforeAll(async () => {
  bot = await tokenClient("automation");
  admin = await tokenClient("administrator");
  containerId = (await bot.call("POST", "/rest/container", { name: "artifact tests" })).body.id;
});

const randomIp = () => `172.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe("/rest/artifact", () => {
  it("creates one artifact as Phantom answers and shows it in Phantom's shape", async () => {
    const sdi = unique("art");
    const created = await bot.call("POST", "/rest/artifact", { container_id: containerId, source_data_identifier: sdi });
    expect(created.status).toBe(200);
    expect(Object.keys(created.body).sort()).toEqual(Object.keys(fixture("Phantom_create_artifact")).sort());

    const detail = await bot.call("GET", `/rest/artifact/${created.body.id}`);
    expectPhantomShape(detail.body, fixture("Phantom_artifact"), "artifact detail");
    expect(detail.body).toMatchObject({ container: containerId, source_data_identifier: sdi, severity: "medium", label: "event", cef: {}, data: {} });

    const list = await bot.call("GET", `/rest/artifact?page_size=10&page=0&_filter_container=${containerId}`);
    const theirs = fixture("Phantom_artifacts");
    expect(Object.keys(list.body).sort()).toEqual(Object.keys(theirs).sort());
    expectPhantomShape(list.body.data[0], theirs.data[0], "artifact list row");
  });

  it("answers existing_artifact_id for an identical artifact in the same container, and stores it once", async () => {
    const body = { container_id: containerId, name: "dup", cef: { sourceAddress: randomIp() } };
    const first = await bot.call("POST", "/rest/artifact", body);
    const again = await bot.call("POST", "/rest/artifact", body);
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ failed: true, message: "artifact already exists", existing_artifact_id: first.body.id });
    // The same content in another container is another artifact.
    const other = (await bot.call("POST", "/rest/container", { name: "other" })).body.id;
    expect((await bot.call("POST", "/rest/artifact", { ...body, container_id: other })).status).toBe(200);
  });

  it("creates a JSON array in bulk, all or nothing", async () => {
    const before = await db.artifact.count();
    const good = { container_id: containerId, name: unique("bulk"), cef: { destinationDnsDomain: `${unique("d")}.example.test` } };
    const bad = await bot.call("POST", "/rest/artifact", [good, { container_id: containerId, cef: "not an object" }]);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^\[1\]\.cef: /);
    const unknownContainer = await bot.call("POST", "/rest/artifact", [good, { ...good, name: "x", container_id: 99999999 }]);
    expect(unknownContainer.status).toBe(400);
    expect(unknownContainer.body.message).toContain("container_id");
    const badSeverity = await bot.call("POST", "/rest/artifact", [good, { ...good, name: "y", severity: "apocalyptic" }]);
    expect(badSeverity.status).toBe(400);
    expect(await db.artifact.count()).toBe(before);

    const ok = await bot.call("POST", "/rest/artifact", [good, { ...good, name: `${good.name}-2` }, good]);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual([
      { success: true, id: expect.any(Number) },
      { success: true, id: expect.any(Number) },
      { failed: true, message: "artifact already exists", existing_artifact_id: ok.body[0].id },
    ]);
    expect(await db.artifact.count()).toBe(before + 2);
  });

  it("updates and deletes an artifact, keeping the container's artifact count", async () => {
    const c = (await bot.call("POST", "/rest/container", { name: "counts", artifacts: [{ name: "a" }, { name: "b" }] })).body;
    expect((await bot.call("POST", `/rest/artifact/${c.new_artifact_ids[0]}`, { severity: "high", tags: ["t"] })).status).toBe(200);
    expect((await bot.call("GET", `/rest/artifact/${c.new_artifact_ids[0]}`)).body).toMatchObject({ severity: "high", tags: ["t"], name: "a" });
    expect((await admin.call("DELETE", `/rest/artifact/${c.new_artifact_ids[1]}`)).body).toEqual({ success: true });
    expect((await bot.call("GET", `/rest/container/${c.id}`)).body.artifact_count).toBe(1);
    expect((await bot.call("GET", `/rest/artifact/${c.new_artifact_ids[1]}`)).status).toBe(404);
  });
});

describe("indicators", () => {
  it("extracts every CEF value of a known type, counts sightings across containers, and searches", async () => {
    const ip = randomIp();
    const hash = unique("hash").replace(/-/g, "");
    const one = await bot.call("POST", "/rest/container", {
      name: "ioc 1", artifacts: [{ cef: { sourceAddress: ip, fileHashSha256: hash, destinationPort: 443, message: "free text" } }],
    });
    const two = await bot.call("POST", "/rest/container", { name: "ioc 2", artifacts: [{ cef: { destinationAddress: ip } }] });
    expect(one.status).toBe(200);
    expect(two.status).toBe(200);

    const found = await bot.call("GET", `/rest/indicator?_filter_value=${encodeURIComponent(JSON.stringify(ip))}`);
    expect(found.body.count).toBe(1);
    expect(found.body.data[0]).toMatchObject({ value: ip, contains: ["ip"], count: 2, total_events: 2 });
    expect(Date.parse(found.body.data[0].latest_time)).toBeGreaterThanOrEqual(Date.parse(found.body.data[0].earliest_time));
    const byHash = await bot.call("GET", `/rest/indicator?_filter_value__icontains=${encodeURIComponent(JSON.stringify(hash.slice(4, 20).toUpperCase()))}`);
    expect(byHash.body.data.map((i: { value: string; contains: string[] }) => [i.value, i.contains])).toEqual([[hash, ["hash", "sha256"]]]);
    // Ports and free text are typed but are not indicators.
    expect((await bot.call("GET", `/rest/indicator?_filter_value=%22443%22`)).body.count).toBe(0);
    expect((await bot.call("GET", `/rest/indicator/${found.body.data[0].id}`)).body.value).toBe(ip);

    const artifact = (await bot.call("GET", `/rest/container/${one.body.id}/artifacts`)).body.data[0];
    expect(artifact.cef_types).toEqual({ sourceAddress: ["ip"], fileHashSha256: ["hash", "sha256"], destinationPort: ["port"] });
    const byCef = await bot.call("GET", `/rest/artifact?_filter_cef__sourceAddress=${encodeURIComponent(JSON.stringify(ip))}`);
    expect(byCef.body.data.map((a: { container: number }) => a.container)).toEqual([one.body.id]);
  });

  it("types custom CEF fields an administrator adds, and only an administrator may add them", async () => {
    const name = `vigil${unique("f").replace(/-/g, "")}`;
    expect((await bot.call("POST", "/rest/cef", { name, contains: ["ip"] })).status).toBe(403);
    const added = await admin.call("POST", "/rest/cef", { name, contains: ["ip"] });
    expect(added.status).toBe(200);
    expect((await admin.call("POST", "/rest/cef", { name, contains: ["ip"] })).status).toBe(409);
    expect((await admin.call("POST", "/rest/cef", { name: "sourceAddress" })).status).toBe(409);
    const cef = await bot.call("GET", "/rest/cef?page_size=0");
    expect(cef.body.data).toEqual(expect.arrayContaining([
      { id: null, name: "sourceAddress", contains: ["ip"], type: "default", data_type: "string" },
      { id: added.body.id, name, contains: ["ip"], type: "custom", data_type: "string" },
    ]));
    const ip = randomIp();
    await bot.call("POST", "/rest/container", { name: "custom cef", artifacts: [{ cef: { [name]: ip } }] });
    expect((await bot.call("GET", `/rest/indicator?_filter_value=${encodeURIComponent(JSON.stringify(ip))}`)).body.count).toBe(1);
    expect((await admin.call("DELETE", `/rest/cef/${added.body.id}`)).body).toEqual({ success: true });
  });
});

describe("custom severities and statuses", () => {
  it("accepts a severity or status once an administrator has added it, and not before", async () => {
    const severity = unique("sev").toLowerCase();
    const status = unique("st").toLowerCase();
    expect((await bot.call("POST", "/rest/container", { name: "early", severity })).status).toBe(400);
    expect((await bot.call("POST", "/rest/severity", { name: severity })).status).toBe(403);
    expect((await admin.call("POST", "/rest/severity", { name: severity, color: "purple" })).status).toBe(200);
    expect((await admin.call("POST", "/rest/severity", { name: severity })).status).toBe(409);
    expect((await admin.call("POST", "/rest/container_status", { name: status, status_type: "open" })).status).toBe(200);
    expect((await admin.call("POST", "/rest/container_status", { name: unique("x"), status_type: "paused" })).status).toBe(400);
    const c = await bot.call("POST", "/rest/container", { name: "late", severity, status, artifacts: [{ severity }] });
    expect(c.status).toBe(200);
    const detail = await bot.call("GET", `/rest/container/${c.body.id}`);
    expect(detail.body).toMatchObject({ severity, status });
    // A custom status of type "open" opens the container.
    expect(detail.body.open_time).toEqual(expect.any(String));
    const severities = await bot.call("GET", "/rest/severity");
    expect(severities.body.data.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(["low", "medium", "high", severity]));
    const statuses = await bot.call("GET", "/rest/container_status");
    expect(statuses.body.data).toEqual(expect.arrayContaining([{ id: expect.any(Number), name: status, status_type: "open", builtin: false }]));
  });
});
