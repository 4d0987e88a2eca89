import { beforeAll, describe, expect, it } from "vitest";
import { checkCredentials, LIMITS } from "@/lib/auth/sign-in";
import { db } from "@/lib/db/client";
import { SYSTEM } from "@/lib/domain/actor";
import { createApiToken } from "@/lib/domain/api-tokens";
import { createUser } from "@/lib/domain/users";
import { OPERATIONS } from "@/lib/rest/openapi";
import { basicClient, expectPhantomShape, fixture, restUrl, tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";

const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` });

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

  it("refuses wrong passwords, automation accounts and garbage headers, then backs the account off", async () => {
    const wrong = await basicClient("analyst", "not the password");
    for (let i = 0; i < 5; i++) expect((await wrong.call("GET", "/rest/version")).status).toBe(401);
    // The first wait is 1 s; more failures double it. Push it to 2 s or more, so the next request
    // surely lands inside it on a busy machine.
    let limited = await fetch(restUrl("/rest/version"), { headers: wrong.headers });
    for (let i = 0; i < 300 && !(limited.status === 429 && Number(limited.headers.get("retry-after")) >= 2); i++) {
      if (limited.status === 401) expect((await limited.json()).message).toBe("invalid username or password");
      else await new Promise((r) => setTimeout(r, 100));
      limited = await fetch(restUrl("/rest/version"), { headers: wrong.headers });
    }
    const right = { ...wrong, headers: basic(wrong.username, "correct horse battery") };
    limited = await fetch(restUrl("/rest/version"), { headers: right.headers });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toEqual({ failed: true, message: `too many failed sign-ins: try again in ${retryAfter} second${retryAfter === 1 ? "" : "s"}` });
    // A back-off, not a lockout: once it has passed, the right password works again.
    await new Promise((r) => setTimeout(r, retryAfter * 1000 + 100));
    expect((await fetch(restUrl("/rest/version"), { headers: right.headers })).status).toBe(200);
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

describe("HTTP Basic and the sign-in page share one set of limits", () => {
  it("counts failures from both against the same account", async () => {
    const { user } = await createUser({ username: unique("shared"), role: "analyst", password: "shared-pass-1" }, SYSTEM);
    for (let i = 0; i < 2; i++) {
      expect((await fetch(restUrl("/rest/version"), { headers: basic(user.username, "basic guess") })).status).toBe(401);
    }
    // The page's failures 3 to 5 (with a long first wait, so the test cannot outrun it) only
    // start the back-off if Basic's two failures were counted on the same account.
    const policy = { ...LIMITS, backoffBaseMs: 60_000 };
    for (let i = 0; i < 3; i++) expect(await checkCredentials(user.username, "page guess", "192.0.2.200", { policy })).toEqual({ ok: false, reason: "invalid" });
    // Five failures in all: the right password waits on both channels.
    expect((await fetch(restUrl("/rest/version"), { headers: basic(user.username, "shared-pass-1") })).status).toBe(429);
    expect(await checkCredentials(user.username, "shared-pass-1", "192.0.2.200")).toMatchObject({ ok: false, reason: "rate_limited" });
  });
});

describe("API tokens as HTTP Basic passwords and with an expiry", () => {
  it("accepts a token as the password of Basic with an empty user name, as SOAR documents", async () => {
    const { user } = await createUser({ username: unique("urltoken"), role: "observer", password: "url-pass-123" }, SYSTEM);
    const { token } = await createApiToken(user.id, "curl -u", SYSTEM);
    const ok = await fetch(restUrl("/rest/version"), { headers: { authorization: `Basic ${Buffer.from(`:${token}`).toString("base64")}` } });
    expect(ok.status).toBe(200);
    // The token's user and role apply: an observer may not write.
    const write = await fetch(restUrl("/rest/container"), {
      method: "POST", body: JSON.stringify({ name: "x" }),
      headers: { authorization: `Basic ${Buffer.from(`:${token}`).toString("base64")}`, "content-type": "application/json" },
    });
    expect(write.status).toBe(403);
    const made = await fetch(restUrl("/rest/version"), { headers: { authorization: `Basic ${Buffer.from(":vgl_made_up").toString("base64")}` } });
    expect(made.status).toBe(401);
    expect(await made.json()).toEqual({ failed: true, message: "invalid or revoked API token" });
    expect((await fetch(restUrl("/rest/version"), { headers: { authorization: `Basic ${Buffer.from(":").toString("base64")}` } })).status).toBe(401);
  });

  it("refuses an expired token with 401 'API token expired', in the header and as a Basic password", async () => {
    const { user } = await createUser({ username: unique("expiring"), role: "analyst", password: "expiring-pass" }, SYSTEM);
    const { token, summary } = await createApiToken(user.id, "short-lived", SYSTEM, { expiresDays: 30 });
    expect(summary.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect((await fetch(restUrl("/rest/version"), { headers: { "ph-auth-token": token } })).status).toBe(200);
    await db.apiToken.update({ where: { id: summary.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const ways: Record<string, string>[] = [{ "ph-auth-token": token }, { authorization: `Basic ${Buffer.from(`:${token}`).toString("base64")}` }];
    for (const headers of ways) {
      const res = await fetch(restUrl("/rest/version"), { headers });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ failed: true, message: "API token expired" });
    }
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
