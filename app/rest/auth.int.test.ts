import { beforeAll, describe, expect, it } from "vitest";
import { OPERATIONS } from "@/lib/rest/openapi";
import { basicClient, expectPhantomShape, fixture, restUrl, tokenClient, type Client } from "@/lib/rest/rest-test-kit";

let observer: Client;
let bot: Client;

beforeAll(async () => {
  observer = await tokenClient("observer");
  bot = await tokenClient("automation");
});

describe("permissions", () => {
  it("lets an observer's token read but not write", async () => {
    const { body } = await bot.call("POST", "/rest/container", { name: "observed" });
    expect((await observer.call("GET", `/rest/container/${body.id}`)).status).toBe(200);
    expect((await observer.call("GET", "/rest/indicator")).status).toBe(200);
    for (const [method, path, payload] of [
      ["POST", "/rest/container", { name: "nope" }],
      ["POST", `/rest/container/${body.id}`, { status: "open" }],
      ["DELETE", `/rest/container/${body.id}`, undefined],
      ["POST", "/rest/artifact", { container_id: body.id }],
      ["POST", "/rest/note", { container_id: body.id, content: "x" }],
      ["POST", "/rest/vault_add", { container_id: body.id, file_name: "a", file_content: "" }],
      ["POST", "/rest/cef", { name: "x" }],
    ] as const) {
      const r = await observer.call(method, path, payload);
      expect(r.status, `${method} ${path}`).toBe(403);
      expect(r.body).toEqual({ failed: true, message: expect.stringContaining("observer") });
    }
    expect((await bot.call("GET", `/rest/container/${body.id}`)).body.status).toBe("new");
  });
});

describe("HTTP Basic", () => {
  it("authenticates a user's password and applies their role", async () => {
    const analyst = await basicClient("analyst");
    expect((await analyst.call("GET", "/rest/version")).status).toBe(200);
    const created = await analyst.call("POST", "/rest/container", { name: "by basic" });
    expect(created.status).toBe(200);
    expect((await analyst.call("DELETE", `/rest/container/${created.body.id}`)).status).toBe(403);
  });

  it("refuses wrong passwords, automation accounts and garbage headers, then rate-limits the account", async () => {
    const wrong = await basicClient("analyst", "not the password");
    for (let i = 0; i < 5; i++) expect((await wrong.call("GET", "/rest/version")).status).toBe(401);
    const right = { ...wrong, headers: { authorization: `Basic ${Buffer.from(`${wrong.username}:correct horse battery`).toString("base64")}` } };
    const limited = await fetch(restUrl("/rest/version"), { headers: right.headers });
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({ failed: true, message: expect.stringContaining("too many") });
    const automation = await fetch(restUrl("/rest/version"), {
      headers: { authorization: `Basic ${Buffer.from(`${bot.username}:anything`).toString("base64")}` },
    });
    expect(automation.status).toBe(401);
    const garbage = await fetch(restUrl("/rest/version"), { headers: { authorization: "Bearer abc" } });
    expect(garbage.status).toBe(401);
    const noColon = await fetch(restUrl("/rest/version"), { headers: { authorization: `Basic ${Buffer.from("justaname").toString("base64")}` } });
    expect(noColon.status).toBe(401);
  });
});

describe("fixed endpoints", () => {
  it("answers /rest/version and /rest/system_info in Phantom's shape", async () => {
    const version = await bot.call("GET", "/rest/version");
    expectPhantomShape(version.body, fixture("Phantom_version"), "version");
    const info = await bot.call("GET", "/rest/system_info");
    expect(Object.keys(info.body).sort()).toEqual(Object.keys(fixture("Phantom_system_info")).sort());
    expectPhantomShape(info.body, fixture("Phantom_system_info"), "system_info");
  });

  it("publishes an OpenAPI 3.1 document covering every operation", async () => {
    const res = await fetch(restUrl("/rest/openapi.json"));
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe("3.1.0");
    for (const op of OPERATIONS) {
      expect(doc.paths[op.path]?.[op.method], `${op.method} ${op.path}`).toBeDefined();
    }
    const post = doc.paths["/rest/container"].post;
    expect(post.requestBody.content["application/json"].schema.required).toEqual(["name"]);
    expect(post.requestBody.content["application/json"].schema.properties.sensitivity.anyOf ?? post.requestBody.content["application/json"].schema.properties.sensitivity).toBeDefined();
    expect(JSON.stringify(doc)).not.toContain("$defs");
  });
});

describe("the console's API page", () => {
  it("exists and sends visitors who are not signed in to the sign-in page", async () => {
    const res = await fetch(restUrl("/api-docs"), { redirect: "manual" });
    expect([302, 303, 307]).toContain(res.status);
    expect(res.headers.get("location")).toContain("/login");
  });
});

describe("bad input", () => {
  it("answers 400 for malformed JSON, empty bodies and wrong types, naming the field", async () => {
    const malformed = await bot.call("POST", "/rest/container", '{"name": "x",');
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toContain("malformed JSON");
    expect((await bot.call("POST", "/rest/container", "")).status).toBe(400);
    const wrongType = await bot.call("POST", "/rest/container", { name: "x", tags: "one" });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.message).toMatch(/^tags: /);
    const nested = await bot.call("POST", "/rest/container", { name: "x", artifacts: [{ cef: { a: 1 } }, { severity: 7 }] });
    expect(nested.body.message).toMatch(/^artifacts\[1\]\.severity: /);
    const nul = await bot.call("POST", "/rest/container", { name: "x\u0000y" });
    expect(nul.status).toBe(400);
    expect(nul.body.message).toContain("name");
    const bigId = await bot.call("POST", "/rest/artifact", { container_id: 2 ** 40 });
    expect(bigId.status).toBe(400);
  });

  it("answers 413 for a body over the limit", async () => {
    const big = JSON.stringify({ name: "big", description: "x".repeat(11 * 1024 * 1024) });
    const res = await fetch(restUrl("/rest/container"), { method: "POST", headers: { ...bot.headers, "content-type": "application/json" }, body: big });
    expect(res.status).toBe(413);
    expect((await res.json()).failed).toBe(true);
  });
});
