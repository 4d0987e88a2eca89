// Inbound webhooks end to end over real HTTP against the built server: an administrator makes
// one through /rest/webhook, a "tool" POSTs alerts to its secret URL, and the containers appear
// exactly as POST /rest/container would make them (dedup included). Every sender mistake is a
// 4xx with a message, and leaves no container behind.
import { createHmac } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { restUrl, tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";

let admin: Client;
let analyst: Client;

beforeAll(async () => {
  admin = await tokenClient("administrator");
  analyst = await tokenClient("analyst");
});

async function deliver(url: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text);
  } catch {
    json = { text };
  }
  return { status: res.status, body: json };
}

const containersOf = (name: string) => db.container.count({ where: { data: { path: ["webhook"], equals: name } } });

const MAPPING = {
  container: { name: "$.title", severity: "$.severity", source_data_identifier: "$.id", tags: "$.tags" },
  cef: { sourceAddress: "$.source.ip", requestURL: "$.url", destinationUserName: "$.users[0]" },
  label: "events",
  artifact_name: "alert fields",
};

describe("inbound webhooks", () => {
  it("turns a POSTed alert into a container with the mapped fields and CEF, and deduplicates by the mapped identifier", async () => {
    const name = unique("grafana");
    const made = await admin.call("POST", "/rest/webhook", { name, mapping: MAPPING });
    expect(made.status).toBe(200);
    expect(made.body.url).toMatch(new RegExp(`^${restUrl("/api/webhooks/")}[A-Za-z0-9_-]{43}$`));
    expect(made.body.secret).toBeUndefined();

    const alert = { id: unique("alert"), title: "Impossible travel", severity: "high", tags: ["idp", "travel"], source: { ip: "203.0.113.7" }, url: "https://evil.example/login", users: ["alice"] };
    const first = await deliver(made.body.url, JSON.stringify(alert));
    expect(first.status).toBe(201);
    const id = first.body.id as number;

    const container = await analyst.call("GET", `/rest/container/${id}`);
    expect(container.body).toMatchObject({ name: "Impossible travel", severity: "high", label: "events", source_data_identifier: alert.id, tags: ["idp", "travel"] });
    const artifacts = await analyst.call("GET", `/rest/container/${id}/artifacts`);
    expect(artifacts.body.data).toHaveLength(1);
    expect(artifacts.body.data[0]).toMatchObject({ name: "alert fields", cef: { sourceAddress: "203.0.113.7", requestURL: "https://evil.example/login", destinationUserName: "alice" } });
    // The same indicators as a REST-created container: the URL is tracked across events.
    const indicator = await db.indicator.findUnique({ where: { value: "https://evil.example/login" } });
    expect(indicator).not.toBeNull();

    const again = await deliver(made.body.url, JSON.stringify({ ...alert, title: "retried" }));
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ success: true, duplicate: true, existing_container_id: id });
    expect(await containersOf(name)).toBe(1);
    const audit = await db.auditLog.findFirst({ where: { containerId: id, action: "container.create" } });
    expect(audit?.actorName).toBe(`webhook:${name}`);
    const listed = await admin.call("GET", "/rest/webhook");
    expect(listed.body.data.find((w: { name: string }) => w.name === name)).toMatchObject({ received: 2 });
  });

  it("deduplicates a repeated body by its hash when no identifier is mapped", async () => {
    const made = await admin.call("POST", "/rest/webhook", { name: unique("plain"), mapping: { container: { name: "$.msg" } } });
    const body = JSON.stringify({ msg: "disk full on db-1" });
    const a = await deliver(made.body.url, body);
    const b = await deliver(made.body.url, body);
    expect(a.status).toBe(201);
    expect(b.body).toMatchObject({ duplicate: true, existing_container_id: a.body.id });
    const c = await deliver(made.body.url, JSON.stringify({ msg: "disk full on db-2" }));
    expect(c.status).toBe(201);
    expect(c.body.id).not.toBe(a.body.id);
  });

  it("checks the HMAC-SHA256 signature when one is configured, and the secret is stored sealed", async () => {
    const name = unique("signed");
    const made = await admin.call("POST", "/rest/webhook", { name, signature_header: "X-Signature-256", mapping: { container: { name: "$.t" } } });
    expect(made.status).toBe(200);
    const secret = made.body.secret as string;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(made.body.has_secret).toBe(true);
    const row = await db.webhook.findUniqueOrThrow({ where: { name } });
    expect(row.secretSealed).toMatch(/^enc:v\d+:/);
    expect(row.secretSealed).not.toContain(secret);
    expect((await admin.call("GET", `/rest/webhook/${made.body.id}`)).body.secret).toBeUndefined();

    const body = JSON.stringify({ t: "signed alert" });
    const missing = await deliver(made.body.url, body);
    expect(missing.status).toBe(401);
    expect(missing.body.message).toMatch(/X-Signature-256 header is missing/);
    const wrong = await deliver(made.body.url, body, { "x-signature-256": `sha256=${createHmac("sha256", "not the secret").update(body).digest("hex")}` });
    expect(wrong.status).toBe(401);
    expect(wrong.body.message).toMatch(/signature does not match/);
    // Signed over a different body than the one sent.
    const tampered = await deliver(made.body.url, JSON.stringify({ t: "other" }), { "x-signature-256": createHmac("sha256", secret).update(body).digest("hex") });
    expect(tampered.status).toBe(401);
    expect(await containersOf(name)).toBe(0);

    const good = await deliver(made.body.url, body, { "x-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}` });
    expect(good.status).toBe(201);
    const base64 = await deliver(made.body.url, JSON.stringify({ t: "second" }), { "x-signature-256": createHmac("sha256", secret).update(JSON.stringify({ t: "second" })).digest("base64") });
    expect(base64.status).toBe(201);
    expect(await containersOf(name)).toBe(2);
  });

  it("refuses bad deliveries with a clear 4xx and writes nothing", async () => {
    const name = unique("strict");
    const made = await admin.call("POST", "/rest/webhook", { name, mapping: MAPPING });
    const url = made.body.url as string;
    const cases: [string, number, RegExp][] = [
      ['{"title": "x",', 400, /malformed JSON/],
      ["", 400, /body is empty/],
      ['[{"title": "x"}]', 400, /one alert as a JSON object/],
      ['{"title": "x", "severity": "apocalyptic"}', 400, /severity.*apocalyptic|apocalyptic.*severity/],
      ['{"title": "x\\u0000y"}', 400, /NUL/],
    ];
    for (const [body, status, message] of cases) {
      const res = await deliver(url, body);
      expect(res.status, body).toBe(status);
      expect(String(res.body.message), body).toMatch(message);
    }
    const unknown = await deliver(restUrl("/api/webhooks/" + "A".repeat(43)), '{"title": "x"}');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toMatch(/no webhook at this address/);
    expect((await fetch(url)).status).toBe(405);
    expect(await containersOf(name)).toBe(0);
  });

  it("refuses a bad webhook definition with a 400 naming the field, and only administrators manage webhooks", async () => {
    const badPath = await admin.call("POST", "/rest/webhook", { name: unique("bad"), mapping: { cef: { sourceAddress: "$.a..b" } } });
    expect(badPath.status).toBe(400);
    expect(badPath.body.message).toMatch(/^mapping\.cef\.sourceAddress: .*expected a field name/);
    const badField = await admin.call("POST", "/rest/webhook", { name: unique("bad"), mapping: { container: { owner_id: "$.x" } } });
    expect(badField.status).toBe(400);
    expect(badField.body.message).toMatch(/owner_id: not a container field/);
    const badHeader = await admin.call("POST", "/rest/webhook", { name: unique("bad"), signature_header: "X Sig" });
    expect(badHeader.body.message).toMatch(/signature_header must be an HTTP header name/);
    const name = unique("dup");
    expect((await admin.call("POST", "/rest/webhook", { name })).status).toBe(200);
    const dup = await admin.call("POST", "/rest/webhook", { name });
    expect(dup.status).toBe(409);
    expect(await db.webhook.count({ where: { name } })).toBe(1);
    expect((await analyst.call("GET", "/rest/webhook")).status).toBe(403);
    expect((await analyst.call("POST", "/rest/webhook", { name: unique("x") })).status).toBe(403);
  });

  it("rotates the URL (the old one stops at once) and deletes, each with an audit row", async () => {
    const made = await admin.call("POST", "/rest/webhook", { name: unique("rotating"), signature_header: "X-Sig", secret: "a shared secret of the tool", mapping: { container: { name: "$.t" } } });
    expect(made.body.secret).toBeUndefined();
    const id = made.body.id as number;
    const rotated = await admin.call("POST", `/rest/webhook/${id}/rotate`, { secret: true });
    expect(rotated.status).toBe(200);
    expect(rotated.body.url).not.toBe(made.body.url);
    const body = JSON.stringify({ t: "after rotation" });
    const oldSig = createHmac("sha256", "a shared secret of the tool").update(body).digest("hex");
    expect((await deliver(made.body.url, body, { "x-sig": oldSig })).status).toBe(404);
    expect((await deliver(rotated.body.url, body, { "x-sig": oldSig })).status).toBe(401);
    const newSig = createHmac("sha256", rotated.body.secret).update(body).digest("hex");
    expect((await deliver(rotated.body.url, body, { "x-sig": newSig })).status).toBe(201);

    const off = await admin.call("POST", `/rest/webhook/${id}`, { signature_header: "", disabled: true });
    expect(off.body).toMatchObject({ signature_header: "", has_secret: false, disabled: true });
    const disabled = await deliver(rotated.body.url, JSON.stringify({ t: "while disabled" }));
    expect(disabled.status).toBe(403);
    expect(disabled.body.message).toMatch(/is disabled/);

    expect((await admin.call("DELETE", `/rest/webhook/${id}`)).status).toBe(200);
    expect((await deliver(rotated.body.url, body)).status).toBe(404);
    expect((await admin.call("GET", `/rest/webhook/${id}`)).status).toBe(404);
    const actions = (await db.auditLog.findMany({ where: { objectType: "webhook", objectId: String(id) }, orderBy: { id: "asc" } })).map((r) => r.action);
    expect(actions).toEqual(["webhook.create", "webhook.rotate", "webhook.update", "webhook.delete"]);
  });
});
