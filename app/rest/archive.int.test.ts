// Container export and import (GET /rest/container/<id>/export, POST /rest/container_import):
// a round trip through the test server keeps artifacts, notes, comments, pins and vault files.
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import tar from "tar-stream";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { restUrl, tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";

let bot: Client;
let admin: Client;

beforeAll(async () => {
  bot = await tokenClient("automation");
  admin = await tokenClient("administrator");
});

async function untar(bytes: Buffer): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const extract = tar.extract();
  extract.on("entry", (h, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on("data", (c: unknown) => chunks.push(c as Buffer));
    stream.on("end", () => (out.set(h.name, Buffer.concat(chunks)), next()));
  });
  await new Promise<void>((resolve, reject) => {
    extract.on("finish", () => resolve());
    extract.on("error", reject);
    Readable.from([bytes]).pipe(extract);
  });
  return out;
}

async function retar(entries: Map<string, Buffer>): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, data] of entries) pack.entry({ name }, data);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function exportTar(id: number): Promise<Buffer> {
  const res = await fetch(restUrl(`/rest/container/${id}/export`), { headers: bot.headers });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/x-tar");
  expect(res.headers.get("content-disposition")).toContain(`container-${id}.tar`);
  return Buffer.from(await res.arrayBuffer());
}

const importTar = (body: Buffer) =>
  fetch(restUrl("/rest/container_import"), { method: "POST", headers: { ...bot.headers, "content-type": "application/x-tar" }, body: new Uint8Array(body) });

/** What a user compares: the content, not ids or times. */
async function contentOf(id: number) {
  const get = async (p: string) => (await bot.call("GET", p)).body.data;
  const strip = ({ id: _i, container: _c, ...rest }: Record<string, unknown>) => rest;
  return {
    artifacts: (await get(`/rest/container/${id}/artifacts?page_size=0`)).map((a: Record<string, unknown>) => ({ name: a.name, cef: a.cef, label: a.label, severity: a.severity, source_data_identifier: a.source_data_identifier })),
    notes: (await get(`/rest/note?_filter_container=${id}`)).map((n: Record<string, unknown>) => ({ title: n.title, content: n.content, note_type: n.note_type, author_name: n.author_name, create_time: n.create_time })),
    comments: (await get(`/rest/container/${id}/comments`)).map((c: Record<string, unknown>) => c.comment),
    pins: (await get(`/rest/container/${id}/pins`)).map((p: Record<string, unknown>) => ({ message: p.message, data: p.data, pin_style: p.pin_style })),
    vault: (await get(`/rest/container/${id}/attachments`)).map((a: Record<string, unknown>) => ({ name: a.name, hash: a.hash, size: a.size, mime_type: a.mime_type })),
    strip,
  };
}

async function sampleContainer(): Promise<number> {
  const sdi = unique("export");
  const id = (await bot.call("POST", "/rest/container", {
    name: "exported", label: "email", severity: "high", source_data_identifier: sdi, tags: ["phish"], data: { raw: 1 },
    artifacts: [{ name: "sender", cef: { fromEmail: "x@bad.example.test" } }, { name: "url", cef: { requestURL: "http://bad.example.test/" }, source_data_identifier: "a-1" }],
  })).body.id;
  await bot.call("POST", "/rest/note", { container_id: id, title: "Triage", content: "# found\n- a" });
  await bot.call("POST", "/rest/container_comment", { container: id, comment: "looking" });
  await bot.call("POST", "/rest/container_pin", { container_id: id, message: "Score", data: "7", pin_style: "red" });
  for (const [name, text] of [["mail.eml", "From: x@bad.example.test\n\nhello"], ["notes.txt", "ünïcode"]] as const) {
    const r = await bot.call("POST", "/rest/vault_add", { container_id: id, file_name: name, file_content: Buffer.from(text).toString("base64") });
    expect(r.status).toBe(200);
  }
  return id;
}

describe("container export and import", () => {
  it("exports a documented tar and imports it back with new ids and the same content", async () => {
    const id = await sampleContainer();
    const before = await contentOf(id);
    const bytes = await exportTar(id);
    const entries = await untar(bytes);
    const names = [...entries.keys()].filter((n) => !n.startsWith("vault/")).sort();
    expect(names).toEqual(["artifacts.json", "comments.json", "container.json", "manifest.json", "notes.json", "pins.json", "vault.json"]);
    const manifest = JSON.parse(entries.get("manifest.json")!.toString());
    expect(manifest).toMatchObject({ format: "vigil-container/1", container_id: id, counts: { artifacts: 2, notes: 1, comments: 1, vault: 2, pins: 1 } });
    for (const v of JSON.parse(entries.get("vault.json")!.toString())) {
      const file = entries.get(`vault/${v.hash}`)!;
      expect(createHash("sha256").update(file).digest("hex")).toBe(v.hash);
    }
    const sdi = JSON.parse(entries.get("container.json")!.toString()).source_data_identifier;

    // The same source_data_identifier exists here: a duplicate, and nothing is written.
    const count = await db.container.count();
    const dup = await importTar(bytes);
    expect(dup.status).toBe(409);
    expect(await dup.json()).toMatchObject({ failed: true, existing_container_id: id });
    expect(await db.container.count()).toBe(count);

    expect((await admin.call("DELETE", `/rest/container/${id}`)).status).toBe(200);
    const imported = await importTar(bytes);
    expect(imported.status).toBe(200);
    const body = await imported.json();
    expect(body).toMatchObject({ success: true, id: expect.any(Number), artifacts: 2, notes: 1, comments: 1, vault: 2, pins: 1 });
    expect(body.id).not.toBe(id);
    const after = await contentOf(body.id);
    expect({ ...after, strip: null }).toEqual({ ...before, strip: null });
    expect((await bot.call("GET", `/rest/container/${body.id}`)).body).toMatchObject({ name: "exported", label: "email", severity: "high", source_data_identifier: sdi, tags: ["phish"], data: { raw: 1 } });
    const vault = (await bot.call("GET", `/rest/container/${body.id}/attachments`)).body.data;
    const download = await fetch(restUrl(`/rest/vault_document/${vault[1].id}/download`), { headers: bot.headers });
    expect(Buffer.from(await download.arrayBuffer()).toString()).toBe("ünïcode");
    expect(await db.auditLog.count({ where: { containerId: body.id, action: "container.import" } })).toBe(1);
  });

  it("takes the archive as base64 in JSON, into the same instance with a changed source_data_identifier", async () => {
    const id = await sampleContainer();
    const entries = await untar(await exportTar(id));
    const container = JSON.parse(entries.get("container.json")!.toString());
    entries.set("container.json", Buffer.from(JSON.stringify({ ...container, source_data_identifier: unique("copy") })));
    const res = await bot.call("POST", "/rest/container_import", { archive: (await retar(entries)).toString("base64") });
    expect(res.status).toBe(200);
    const copy = await contentOf(res.body.id);
    expect({ ...copy, strip: null }).toEqual({ ...(await contentOf(id)), strip: null });
  });

  it("refuses a tampered or malformed archive with a 400 and writes nothing", async () => {
    const id = await sampleContainer();
    const entries = await untar(await exportTar(id));
    const container = JSON.parse(entries.get("container.json")!.toString());
    entries.set("container.json", Buffer.from(JSON.stringify({ ...container, source_data_identifier: unique("tampered") })));
    const vaultName = [...entries.keys()].find((n) => n.startsWith("vault/"))!;
    const tampered = new Map(entries).set(vaultName, Buffer.from("not the original bytes"));
    const count = await db.container.count();
    const bad = await importTar(await retar(tampered));
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toMatch(/SHA-256 does not match/);
    const escape = new Map(entries).set("../../etc/passwd", Buffer.from("x"));
    const traversal = await importTar(await retar(escape));
    expect(traversal.status).toBe(400);
    expect((await traversal.json()).message).toMatch(/unexpected entry/);
    const garbage = await importTar(Buffer.from("this is not a tar file at all".repeat(40)));
    expect(garbage.status).toBe(400);
    const noBase64 = await bot.call("POST", "/rest/container_import", { archive: "!!!" });
    expect(noBase64.status).toBe(400);
    expect(await db.container.count()).toBe(count);
  });
});
