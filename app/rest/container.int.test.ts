import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { chainOf, verifyAuditChain } from "@/lib/domain/audit";
import { expectPhantomShape, fixture, tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";

let bot: Client;
let admin: Client;

beforeAll(async () => {
  bot = await tokenClient("automation");
  admin = await tokenClient("administrator");
});

describe("/rest/container", () => {
  it("creates a container as Phantom answers, and shows it in Phantom's shape", async () => {
    const created = await bot.call("POST", "/rest/container", { name: "test" });
    expect(created.status).toBe(200);
    expect(Object.keys(created.body).sort()).toEqual(Object.keys(fixture("Phantom_create_container")).sort());
    expect(created.body).toEqual({ success: true, id: expect.any(Number), new_artifact_ids: [] });

    const detail = await bot.call("GET", `/rest/container/${created.body.id}`);
    expect(detail.status).toBe(200);
    expectPhantomShape(detail.body, fixture("Phantom_container"), "container detail");
    expect(detail.body).toMatchObject({ name: "test", label: "events", severity: "medium", sensitivity: "amber", status: "new", container_type: "default", artifact_count: 0, data: {} });
    // Phantom's default SLA for medium severity: due 12 hours after the start.
    expect(Date.parse(detail.body.due_time) - Date.parse(detail.body.start_time)).toBe(12 * 3600_000);

    const list = await bot.call("GET", "/rest/container?page_size=10&page=0");
    expect(list.status).toBe(200);
    const theirs = fixture("Phantom_containers");
    expect(Object.keys(list.body).sort()).toEqual(Object.keys(theirs).sort());
    expectPhantomShape(list.body.data[0], theirs.data[0], "container list row");
    expect(list.body.data[0]).not.toHaveProperty("data");
  });

  it("creates artifacts with the container and refuses a duplicate source_data_identifier with existing_container_id", async () => {
    const sdi = unique("sdi");
    const body = {
      name: "phish", label: "email", severity: "high", sensitivity: "red", tags: ["phishing"], source_data_identifier: sdi,
      custom_fields: { region: "emea" }, data: { raw: "x" },
      artifacts: [{ name: "sender", cef: { fromEmail: "bad@example.test" } }, { name: "link", cef: { requestURL: "http://bad.example.test/a" } }],
    };
    const first = await bot.call("POST", "/rest/container", body);
    expect(first.status).toBe(200);
    expect(first.body.new_artifact_ids).toHaveLength(2);
    const again = await bot.call("POST", "/rest/container", body);
    // SOAR's status for a duplicate container is 400 (README, REST API: duplicates).
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ failed: true, message: expect.stringContaining("duplicate"), existing_container_id: first.body.id });
    expect(await db.container.count({ where: { sourceDataIdentifier: sdi } })).toBe(1);
    const detail = await bot.call("GET", `/rest/container/${first.body.id}`);
    expect(detail.body).toMatchObject({ label: "email", severity: "high", sensitivity: "red", tags: ["phishing"], artifact_count: 2, custom_fields: { region: "emea" }, data: { raw: "x" } });
    expect(Date.parse(detail.body.due_time) - Date.parse(detail.body.start_time)).toBe(3600_000);
    const artifacts = await bot.call("GET", `/rest/container/${first.body.id}/artifacts`);
    expect(artifacts.body.count).toBe(2);
    expect(artifacts.body.data.map((a: { name: string }) => a.name).sort()).toEqual(["link", "sender"]);
  });

  it("pages, sorts and filters with Phantom's parameters", async () => {
    const tag = unique("tag");
    for (const [i, severity] of ["low", "high", "medium", "high"].entries()) {
      const r = await bot.call("POST", "/rest/container", { name: `${tag} #${i}`, severity, tags: [tag] });
      expect(r.status).toBe(200);
    }
    const q = (s: string) => bot.call("GET", `/rest/container?_filter_tags__contains=${encodeURIComponent(JSON.stringify([tag]))}&${s}`);
    const all = await q("page_size=0");
    expect(all.body).toMatchObject({ count: 4, num_pages: 1 });
    const page = await q("page_size=3&page=1&sort=name&order=desc");
    expect(page.body.num_pages).toBe(2);
    expect(page.body.data.map((c: { name: string }) => c.name)).toEqual([`${tag} #0`]);
    const high = await q(`_filter_severity=${encodeURIComponent('"high"')}`);
    expect(high.body.count).toBe(2);
    const inList = await q(`_filter_severity__in=${encodeURIComponent("['low', 'medium']")}&sort=id`);
    expect(inList.body.data.map((c: { severity: string }) => c.severity)).toEqual(["low", "medium"]);
    const icontains = await q(`_filter_name__icontains=${encodeURIComponent(`"${tag.toUpperCase()} #3"`)}`);
    expect(icontains.body.count).toBe(1);
    const ownerless = await q("_filter_owner__isnull=True");
    expect(ownerless.body.count).toBe(4);
  });

  it("refuses unknown filter fields, bad literals, bad paging and bad sort with a 400 naming them", async () => {
    for (const [qs, word] of [
      ["_filter_colour=%22red%22", "_filter_colour"],
      ["_filter_status=open", "_filter_status"],
      ["_filter_id=%22x%22", "_filter_id"],
      ["_filter_create_time__gt=%22yesterday%22", "_filter_create_time__gt"],
      ["page=-1", "page"],
      ["page_size=lots", "page_size"],
      ["sort=colour", "sort"],
      ["order=up", "order"],
    ]) {
      const r = await bot.call("GET", `/rest/container?${qs}`);
      expect(r.status, qs).toBe(400);
      expect(r.body.failed).toBe(true);
      expect(r.body.message).toContain(word);
    }
  });

  it("updates status with open and close times, and deletes (404 afterwards)", async () => {
    const { body } = await bot.call("POST", "/rest/container", { name: "lifecycle" });
    expect((await bot.call("POST", `/rest/container/${body.id}`, { status: "open", severity: "high" })).status).toBe(200);
    const opened = await bot.call("GET", `/rest/container/${body.id}`);
    expect(opened.body.status).toBe("open");
    expect(opened.body.open_time).toEqual(expect.any(String));
    await bot.call("POST", `/rest/container/${body.id}`, { status: "closed" });
    expect((await bot.call("GET", `/rest/container/${body.id}`)).body.close_time).toEqual(expect.any(String));
    const badStatus = await bot.call("POST", `/rest/container/${body.id}`, { status: "snoozed" });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.message).toContain("status");

    // Automation may write but not delete; an administrator may.
    expect((await bot.call("DELETE", `/rest/container/${body.id}`)).status).toBe(403);
    expect((await admin.call("DELETE", `/rest/container/${body.id}`)).body).toEqual({ success: true });
    expect((await bot.call("GET", `/rest/container/${body.id}`)).status).toBe(404);
    expect((await bot.call("GET", "/rest/container/abc")).status).toBe(404);
    expect((await bot.call("GET", "/rest/container/99999999")).status).toBe(404);
  });

  it("keeps notes, comments, vault attachments and an audit trail per container", async () => {
    const { body } = await bot.call("POST", "/rest/container", { name: "with extras" });
    const id = body.id as number;
    const note = await bot.call("POST", "/rest/note", { container_id: id, title: "Triage", content: "# Found\n- a thing" });
    expect(note.body).toEqual({ success: true, id: expect.any(Number) });
    expect((await bot.call("POST", `/rest/container/${id}/notes`, { content: "second" })).status).toBe(200);
    const notes = await bot.call("GET", `/rest/container/${id}/notes`);
    expect(notes.body.data.map((n: { title: string; content: string }) => [n.title, n.content])).toEqual([["Triage", "# Found\n- a thing"], ["", "second"]]);
    expect((await bot.call("POST", "/rest/note", { container_id: 99999999, content: "x" })).status).toBe(400);

    expect((await bot.call("POST", `/rest/container/${id}/comments`, { comment: "looking" })).status).toBe(200);
    expect((await bot.call("POST", "/rest/container_comment", { container_id: id, comment: "done" })).status).toBe(200);
    const comments = await bot.call("GET", `/rest/container/${id}/comments`);
    expect(comments.body.data.map((c: { comment: string; user_name: string }) => c.comment)).toEqual(["looking", "done"]);
    expect(comments.body.data[0].user_name).toBe(bot.username);

    const content = Buffer.from(`malware sample ${unique("x")}`);
    const added = await bot.call("POST", "/rest/vault_add", { container_id: id, file_name: "sample.bin", file_content: content.toString("base64") });
    expect(added.status).toBe(200);
    const sha256 = (await import("node:crypto")).createHash("sha256").update(content).digest("hex");
    expect(added.body).toMatchObject({ succeeded: true, hash: sha256, vault_id: sha256, size: content.length });
    const attachments = await bot.call("GET", `/rest/container/${id}/attachments`);
    expect(attachments.body.data).toEqual([expect.objectContaining({ name: "sample.bin", hash: sha256, size: content.length })]);
    const doc = await bot.call("GET", `/rest/vault_document/${added.body.id}`);
    expect(doc.body.hash).toBe(sha256);
    const download = await fetch(`${(await import("vitest")).inject("vigilUrl")}/rest/vault_document/${added.body.id}/download`, { headers: bot.headers });
    expect(Buffer.from(await download.arrayBuffer()).equals(content)).toBe(true);
    expect((await bot.call("GET", "/rest/vault_document?page_size=0")).body.count).toBeGreaterThanOrEqual(1);

    const audit = await admin.call("GET", `/rest/container/${id}/audit?page_size=0`);
    expect(audit.body.data.map((a: { action: string }) => a.action)).toEqual([
      "container.create", "note.create", "note.create", "comment.create", "comment.create", "vault.add",
    ]);
    expect(audit.body.data[0].prev_hash).toBe("0".repeat(64));
    expect(audit.body.data[1].prev_hash).toBe(audit.body.data[0].hash);
    // The ingestion path writes the first row in SQL; the chain must verify like any other.
    expect(await db.$transaction((tx) => verifyAuditChain(tx, chainOf(id)))).toBeNull();
  });
});
