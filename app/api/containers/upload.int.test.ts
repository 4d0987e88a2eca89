// The console's vault upload (POST /api/containers/<id>/attachments, multipart): an oversize
// file is refused by its Content-Length before the body is read, or mid-stream the moment it
// passes VIGIL_VAULT_MAX_MB (50 MB on the test server), and nothing of it reaches the vault.
import http from "node:http";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { SYSTEM } from "@/lib/domain/actor";
import { createUser } from "@/lib/domain/users";
import { tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";

const MB = 1024 * 1024;
const base = () => inject("vigilUrl");
let cookie = "";
let bot: Client;
let containerId = 0;

/** Signs in through next-auth's credentials flow, as the sign-in page does. */
async function signIn(username: string, password: string): Promise<string> {
  const csrf = await fetch(`${base()}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const res = await fetch(`${base()}/api/auth/callback/credentials`, {
    method: "POST", redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, username, password, callbackUrl: base() }),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]!).filter((c) => c.includes("session-token"));
  expect(session, "signed in").toHaveLength(1);
  return [...jar, ...session].join("; ");
}

beforeAll(async () => {
  const username = unique("uploader");
  await createUser({ username, role: "analyst", password: "correct horse battery" }, SYSTEM);
  cookie = await signIn(username, "correct horse battery");
  bot = await tokenClient("automation");
  containerId = (await bot.call("POST", "/rest/container", { name: unique("upload target") })).body.id;
});

const BOUNDARY = "----vigil-test-boundary";
const head = (name: string) =>
  Buffer.from(`--${BOUNDARY}\r\ncontent-disposition: form-data; name="file"; filename="${name}"\r\ncontent-type: text/plain\r\n\r\n`);
const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);

interface Answer { status: number; body: { message?: string; size?: number }; sent: number }

/**
 * Posts a multipart body of `fileBytes` bytes, 1 MB at a time, and stops sending as soon as the
 * server answers (as browsers do), so `sent` tells how much the server read before refusing.
 */
function upload(fileBytes: number, headers: Record<string, string> = {}, name = "evidence.txt"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base()}/api/containers/${containerId}/attachments`, {
      method: "POST",
      headers: { cookie, origin: base(), "content-type": `multipart/form-data; boundary=${BOUNDARY}`, ...headers },
    });
    let sent = 0;
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (text += d));
      res.on("end", () => {
        resolve({ status: res.statusCode!, body: JSON.parse(text || "{}"), sent });
        req.destroy();
      });
    });
    req.on("error", (err) => {
      if (!answered) reject(err);
    });
    if (headers["content-length"]) {
      req.flushHeaders(); // declared only: the server must answer without the body
      return;
    }
    req.write(head(name));
    const chunk = Buffer.alloc(MB, "A");
    const pump = () => {
      while (!answered && sent < fileBytes) {
        const part = sent + chunk.length > fileBytes ? chunk.subarray(0, fileBytes - sent) : chunk;
        sent += part.length;
        if (!req.write(part)) return void req.once("drain", pump);
      }
      if (!answered) req.end(tail);
    };
    pump();
  });
}

async function attachmentCount(): Promise<number> {
  return (await bot.call("GET", `/rest/container/${containerId}/attachments?page_size=0`)).body.count;
}

describe("console vault upload", () => {
  it("stores a file that fits, with its UTF-8 name", async () => {
    const r = await upload(1000, {}, "résumé.txt");
    expect(r.status).toBe(201);
    expect(r.body.size).toBe(1000);
    const list = await bot.call("GET", `/rest/container/${containerId}/attachments`);
    expect(list.body.data.map((a: { name: string }) => a.name)).toContain("résumé.txt");
  });

  it("refuses a declared Content-Length over the vault limit before reading the body", async () => {
    const r = await upload(0, { "content-length": String(60 * MB) });
    expect(r.status).toBe(413);
    expect(r.body.message).toBe("the file is larger than the vault's limit of 50 MB (VIGIL_VAULT_MAX_MB)");
  });

  it("stops reading a streamed body the moment the file passes the limit, and stores nothing", async () => {
    const before = await attachmentCount();
    const r = await upload(200 * MB);
    expect(r.status).toBe(413);
    expect(r.body.message).toContain("50 MB");
    // Answered after a little over 50 MB, not after the 200 MB the client had to send.
    expect(r.sent).toBeLessThan(120 * MB);
    expect(await attachmentCount()).toBe(before);
  }, 60_000);

  it("answers 403, not 500, to Origin: null", async () => {
    const r = await upload(10, { origin: "null" });
    expect(r.status).toBe(403);
    expect(r.body.message).toContain("cross-origin request refused");
  });
});
