// The IMAP app through the whole path: POST /rest/action_run "on poll" on an IMAP asset -> the
// worker of the running `vigil start` -> the app's child process -> Debian's dovecot on loopback
// -> containers, artifacts and vault files in PostgreSQL and the data directory, made by the
// same ingestion code as REST.
import { ImapFlow } from "imapflow";
import MailComposer from "nodemailer/lib/mail-composer";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";
import { runAction } from "@/lib/testing/action-kit";
import { startDovecot, type Dovecot } from "@/lib/testing/dovecot";

let admin: Client;
let analyst: Client;
let dovecot: Dovecot;
let containerId: number;

beforeAll(async () => {
  [admin, analyst] = [await tokenClient("administrator"), await tokenClient("analyst")];
  dovecot = await startDovecot();
  containerId = (await admin.call("POST", "/rest/container", { name: "imap poll runs here" })).body.id;
});
afterAll(async () => dovecot?.stop());

describe("the IMAP app under the worker", () => {
  it("on poll turns a phishing email into a container with artifacts and vault files, once", async () => {
    const tag = unique("phish");
    const pdf = Buffer.from(`%PDF-1.4 ${tag}\n`);
    const raw = await new MailComposer({
      from: "billing@paypa1.example", to: "alice@corp.test", subject: `Invoice ${tag}`, messageId: `<${tag}@paypa1.example>`,
      text: `Pay at https://paypa1.example/${tag}`, attachments: [{ filename: "invoice.pdf", content: pdf }],
    }).compile().build();
    const client = new ImapFlow({ host: "127.0.0.1", port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false, tls: { rejectUnauthorized: false } });
    await client.connect();
    await client.append("INBOX", raw);
    await client.logout();

    const name = unique("imap");
    const created = await admin.call("POST", "/rest/asset", {
      name, product_vendor: "Generic", product_name: "IMAP",
      configuration: { server: "127.0.0.1", port: dovecot.port, use_ssl: false, verify_server_cert: false, username: dovecot.user, password: dovecot.password, folder: "INBOX", processed_folder: "Processed", ingest_manner: "oldest first", first_run_max_emails: 10, max_emails: 10 },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const poll = () => runAction(analyst, { action: "on poll", container_id: containerId, targets: [{ assets: [name], parameters: [{ container_count: 10, artifact_count: 100 }] }] }, 60_000);

    const first = await poll();
    expect(first.actionRun.status, JSON.stringify(first.appRuns[0]?.result_data)).toBe("success");
    const container = await db.container.findFirstOrThrow({ where: { sourceDataIdentifier: `<${tag}@paypa1.example>` }, include: { artifacts: true, attachments: true } });
    expect(container.name).toBe(`Invoice ${tag}`);
    const cefs = container.artifacts.map((a) => a.cef);
    expect(cefs).toContainEqual(expect.objectContaining({ fromEmail: "billing@paypa1.example", toEmail: "alice@corp.test" }));
    expect(cefs).toContainEqual({ requestURL: `https://paypa1.example/${tag}` });
    expect(cefs).toContainEqual({ destinationDnsDomain: "paypa1.example" });
    const sha = createHash("sha256").update(pdf).digest("hex");
    expect(cefs).toContainEqual(expect.objectContaining({ fileName: "invoice.pdf", fileHash: sha, vaultId: sha }));
    expect(container.attachments.map((a) => [a.name, a.sha256]).sort()).toEqual([[`Invoice ${tag}.eml`, createHash("sha256").update(raw).digest("hex")], ["invoice.pdf", sha]].sort());

    // Polled again: nothing new in the folder (the mail was moved), nothing ingested twice.
    const second = await poll();
    expect(second.appRuns[0]!.result_data[0].summary).toEqual({ total_emails: 0, new_containers: 0 });
    expect(await db.container.count({ where: { sourceDataIdentifier: `<${tag}@paypa1.example>` } })).toBe(1);
  }, 120_000);
});
