// The IMAP app against Debian's dovecot on loopback (lib/testing/dovecot.ts): messages are put
// in with IMAP APPEND (a phishing mail with a link and an attachment, built by nodemailer), the
// app polls, and the test reads the folders back to see them marked and moved; and against
// servers that refuse, stay silent or speak something else.
import { ImapFlow } from "imapflow";
import MailComposer from "nodemailer/lib/mail-composer";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TransientError } from "@/lib/apps/sdk";
import { rawServer as startRawServer } from "@/lib/testing/daemon";
import { startDovecot, type Dovecot } from "@/lib/testing/dovecot";
import { freePort } from "@/lib/testing/ports";
import { testContext } from "../app-test-context";
import app from "./index";

vi.setConfig({ testTimeout: 30_000 });

let dovecot: Dovecot;
const servers: { close(): void }[] = [];
const pdf = (n: number) => Buffer.from(`%PDF-1.4 invoice ${n} that is not one\n`);

const asset = (extra: Record<string, unknown> = {}) => ({ server: "127.0.0.1", port: dovecot.port, use_ssl: false, verify_server_cert: false, username: dovecot.user, password: dovecot.password, folder: "INBOX", timeout: 10, ...extra });

async function phish(n: number, extra: Record<string, unknown> = {}): Promise<Buffer> {
  return new MailComposer({
    from: "Billing <billing@paypa1.example>", to: "alice@corp.test", cc: "bob@corp.test", subject: `Invoice ${n} overdue`,
    messageId: `<invoice-${n}@paypa1.example>`,
    text: `Pay now at https://paypa1.example/login?id=${n} or call us from 198.51.100.${n}.`,
    html: `<p>Pay now at <a href="https://paypa1.example/login?id=${n}">our portal</a>, see also http://cdn.evil.test/x.js</p>`,
    attachments: [{ filename: "invoice.pdf", content: pdf(n), contentType: "application/pdf" }],
    ...extra,
  }).compile().build();
}

async function mailbox<T>(work: (c: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow({ host: "127.0.0.1", port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false, tls: { rejectUnauthorized: false } });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.logout();
  }
}

const flagsIn = (folder: string) => mailbox(async (c) => {
  const lock = await c.getMailboxLock(folder);
  try {
    const out: { subject: string; seen: boolean }[] = [];
    for await (const m of c.fetch("1:*", { envelope: true, flags: true })) out.push({ subject: m.envelope?.subject ?? "", seen: m.flags?.has("\\Seen") ?? false });
    return out;
  } finally {
    lock.release();
  }
}).catch(() => []);

beforeAll(async () => {
  dovecot = await startDovecot();
});
afterAll(async () => {
  servers.forEach((s) => s.close());
  await dovecot?.stop();
});

describe("on poll", () => {
  it("makes one container per email with its artifacts, the .eml and attachments in the vault, and moves the mail", async () => {
    await mailbox(async (c) => {
      await c.append("INBOX", await phish(1));
      await c.append("INBOX", await phish(2));
    });
    const ctx = testContext(asset({ processed_folder: "Processed" }), undefined);
    const result = await app.actions.on_poll!(ctx, { container_count: 100, artifact_count: 1000 });
    expect(result).toMatchObject({ status: "success", message: "Ingested 2 email(s): 2 new container(s)", summary: { total_emails: 2, new_containers: 2 } });

    const [first] = [...ctx.containers.values()];
    expect(first).toMatchObject({ name: "Invoice 1 overdue", source_data_identifier: "<invoice-1@paypa1.example>" });
    const cef = first!.artifacts!.map((a) => [a.name, a.cef]);
    expect(cef).toContainEqual(["Email Artifact", { fromEmail: "billing@paypa1.example", toEmail: "alice@corp.test", ccEmail: "bob@corp.test", emailSubject: "Invoice 1 overdue", internetMessageId: "<invoice-1@paypa1.example>" }]);
    expect(cef).toContainEqual(["URL Artifact", { requestURL: "https://paypa1.example/login?id=1" }]);
    expect(cef).toContainEqual(["URL Artifact", { requestURL: "http://cdn.evil.test/x.js" }]);
    expect(cef).toContainEqual(["Domain Artifact", { destinationDnsDomain: "paypa1.example" }]);
    expect(cef).toContainEqual(["Domain Artifact", { destinationDnsDomain: "cdn.evil.test" }]);
    expect(cef).toContainEqual(["IP Artifact", { sourceAddress: "198.51.100.1" }]);
    const sha = createHash("sha256").update(pdf(1)).digest("hex");
    expect(cef).toContainEqual(["Vault Artifact", { fileName: "invoice.pdf", fileSize: pdf(1).length, fileHash: sha, vaultId: sha }]);

    // The attachment and the raw message are in the first container's vault.
    expect(ctx.files.get(sha)).toMatchObject({ container: 1, name: "invoice.pdf" });
    const eml = [...ctx.files.values()].find((f) => f.name === "Invoice 1 overdue.eml");
    expect(eml?.container).toBe(1);
    expect(eml!.content.toString()).toContain("Message-ID: <invoice-1@paypa1.example>");

    expect(await flagsIn("INBOX")).toEqual([]);
    expect(await flagsIn("Processed")).toEqual([{ subject: "Invoice 1 overdue", seen: true }, { subject: "Invoice 2 overdue", seen: true }]);

    // The next poll takes only what is new; a message already ingested (same Message-ID) is not a new container.
    await mailbox(async (c) => {
      await c.append("INBOX", await phish(3));
      await c.append("INBOX", await phish(1));
    });
    const again = await app.actions.on_poll!(ctx, { container_count: 100, artifact_count: 1000 });
    expect(again.summary).toEqual({ total_emails: 2, new_containers: 1 });
    expect(again.data).toMatchObject([{ message_id: "<invoice-3@paypa1.example>", existing: false }, { message_id: "<invoice-1@paypa1.example>", existing: true, container_id: 1 }]);
    expect(ctx.containers.size).toBe(3);
    expect((await app.actions.on_poll!(ctx, { container_count: 100, artifact_count: 1000 })).summary).toEqual({ total_emails: 0, new_containers: 0 });
  });

  it("without processed_folder marks mail seen in place; latest first with container_count takes the newest", async () => {
    await mailbox(async (c) => {
      await c.mailboxCreate("Later");
      for (const n of [10, 11, 12]) await c.append("Later", await phish(n));
    });
    const ctx = testContext(asset({ folder: "Later", ingest_manner: "latest first" }));
    const result = await app.actions.on_poll!(ctx, { container_count: 2, artifact_count: 1000 });
    expect(result.data.map((d) => d.message_id)).toEqual(["<invoice-12@paypa1.example>", "<invoice-11@paypa1.example>"]);
    expect(await flagsIn("Later")).toEqual([{ subject: "Invoice 10 overdue", seen: false }, { subject: "Invoice 11 overdue", seen: true }, { subject: "Invoice 12 overdue", seen: true }]);
  });

  it("a folder that does not exist is a failed result naming it", async () => {
    expect(await app.actions.on_poll!(testContext(asset({ folder: "Nope" })), { container_count: 10 })).toMatchObject({ status: "failed", message: expect.stringMatching(/^folder "Nope": /) });
  });
});

describe("parse email", () => {
  it("parses a vault .eml: addresses, subject, URLs, domains, attachments with their SHA-256", async () => {
    const ctx = testContext(asset());
    const { vault_id } = await ctx.vault.add(1, "mail.eml", await phish(7));
    const result = await app.actions.parse_email!(ctx, { vault_id });
    expect(result).toMatchObject({ status: "success", message: 'Parsed email "Invoice 7 overdue"', summary: { urls: 2, domains: 2, attachments: 1 } });
    expect(result.data[0]).toMatchObject({
      from: "billing@paypa1.example", to: ["alice@corp.test"], cc: ["bob@corp.test"], message_id: "<invoice-7@paypa1.example>",
      urls: ["https://paypa1.example/login?id=7", "http://cdn.evil.test/x.js"], domains: ["paypa1.example", "cdn.evil.test"], ips: ["198.51.100.7"],
      attachments: [{ name: "invoice.pdf", size: pdf(7).length, sha256: createHash("sha256").update(pdf(7)).digest("hex"), content_type: "application/pdf" }],
    });
    expect(await app.actions.parse_email!(ctx, { vault_id: "a".repeat(64) })).toMatchObject({ status: "failed", message: `vault_id ${"a".repeat(64)}: the vault file ${"a".repeat(64)} is missing` });
  });
});

describe("connection", () => {
  it("test connectivity logs in over IMAP and IMAPS", async () => {
    expect(await app.actions.test_asset_connectivity!(testContext(asset()), {})).toMatchObject({ status: "success", message: "Test Connectivity Passed" });
    expect(await app.actions.test_asset_connectivity!(testContext(asset({ use_ssl: true, port: dovecot.sslPort })), {})).toMatchObject({ status: "success" });
  });

  it("a self-signed certificate is refused when verify_server_cert is on", async () => {
    await expect(app.actions.on_poll!(testContext(asset({ use_ssl: true, port: dovecot.sslPort, verify_server_cert: true })), { container_count: 1 })).rejects.toThrow(/TLS certificate of 127\.0\.0\.1:\d+ was not accepted .*verify_server_cert/);
  });

  it("bad credentials are a failed result naming the user", async () => {
    expect(await app.actions.on_poll!(testContext(asset({ password: "wrong" })), { container_count: 1 })).toMatchObject({ status: "failed", message: `127.0.0.1:${dovecot.port} refused the login of "${dovecot.user}" (Authentication failed.): check username and password` });
  });

  it("a refused connection is a TransientError naming the server", async () => {
    const port = await freePort();
    await expect(app.actions.on_poll!(testContext(asset({ port })), { container_count: 1 })).rejects.toThrow(new TransientError(`connection refused by 127.0.0.1:${port}: is the server running and the port right?`));
  });

  it("a server that never greets times out after the asset's timeout", async () => {
    const server = await startRawServer();
    servers.push(server);
    const started = Date.now();
    await expect(app.actions.on_poll!(testContext(asset({ port: server.port, timeout: 1 })), { container_count: 1 })).rejects.toThrow(`no answer from 127.0.0.1:${server.port} within 1 s`);
    expect(Date.now() - started).toBeLessThan(6_000);
  });

  it("a server that speaks something else is a clear failure", async () => {
    const server = await startRawServer((s) => s.end("HTTP/1.1 400 Bad Request\r\n\r\n"));
    servers.push(server);
    await expect(app.actions.on_poll!(testContext(asset({ port: server.port, timeout: 3 })), { container_count: 1 })).rejects.toThrow(`127.0.0.1:${server.port} did not answer as an IMAP server should`);
  });
});
