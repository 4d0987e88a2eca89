// Vault files keep names in any script: the download's Content-Disposition carries them as
// RFC 5987 filename* (a header value itself must be Latin-1, which once made this a 500).
import { beforeAll, describe, expect, it } from "vitest";
import { restUrl, tokenClient, type Client } from "@/lib/rest/rest-test-kit";

let bot: Client;
let container = 0;

beforeAll(async () => {
  bot = await tokenClient("automation");
  container = (await bot.call("POST", "/rest/container", { name: "vault names" })).body.id;
});

function filenameStar(header: string | null): string {
  const m = /filename\*=UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]+)$/.exec(header ?? "");
  if (!m) throw new Error(`no RFC 5987 filename* in ${header}`);
  return decodeURIComponent(m[1]!);
}

describe("GET /rest/vault_document/<id>/download", () => {
  it.each(["отчёт 2026.pdf", "报告.txt", "it's (final)*.txt"])("keeps the name %s", async (name) => {
    const content = Buffer.from(`contents of ${name}`);
    const added = await bot.call("POST", "/rest/vault_add", { container_id: container, file_name: name, file_content: content.toString("base64") });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    const res = await fetch(restUrl(`/rest/vault_document/${added.body.id}/download`), { headers: bot.headers });
    expect(res.status).toBe(200);
    const disposition = res.headers.get("content-disposition");
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; /);
    expect(filenameStar(disposition)).toBe(name);
    expect(Buffer.from(await res.arrayBuffer()).equals(content)).toBe(true);
  });
});
