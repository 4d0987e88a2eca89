// The end-to-end phishing case, every hop a real protocol and a real server on loopback:
//   nodemailer --SMTP--> npm smtp-server (the organisation's MX) --dovecot-lda--> Debian's
//   dovecot (the SOC's phishing mailbox) <--IMAP-- the IMAP app's scheduled "on poll", run by
//   the worker of the built `vigil start` --> a container with its artifacts and vault files;
//   then "url reputation" (VirusTotal v3 app) against a local server speaking VirusTotal's v3
//   JSON, and "disable account" (AD LDAP app) on the sender's account in Debian's slapd, read
//   back with ldapsearch.
// "Within one polling interval" is checked by order, not by a clock: the poll that made the
// container is the one running when the mail arrived or the first one started after it.
import { createHash } from "node:crypto";
import type http from "node:http";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";
import { runAction, startHttpServer, waitFor, type TestServer } from "@/lib/testing/action-kit";
import { startDovecot, type Dovecot } from "@/lib/testing/dovecot";
import { freePort } from "@/lib/testing/ports";
import { startSlapd, type Slapd } from "@/lib/testing/slapd";

const SUFFIX = "dc=corp,dc=test";
const SENDER_DN = `cn=Jane Doe,${SUFFIX}`;
const LDIF = [
  `dn: ${SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\no: corp\ndc: corp\n`,
  `dn: ${SENDER_DN}\nobjectClass: user\nobjectClass: securityPrincipal\ncn: Jane Doe\nsn: Doe\ninstanceType: 4\nnTSecurityDescriptor:: AA==\n` +
  `objectCategory: cn=Person,cn=Schema,cn=Configuration,${SUFFIX}\nsAMAccountName: jdoe\nuserPrincipalName: jdoe@corp.test\nuserAccountControl: 512\nmail: jdoe@corp.test\n`,
].join("\n");

let admin: Client;
let analyst: Client;
let dovecot: Dovecot;
let slapd: Slapd;
let vt: TestServer;
let mx: SMTPServer;
let mxPort: number;
const vtAsked: string[] = [];

/** VirusTotal v3's URL object for the phishing URL, by its base64url id as the API documents it. */
function virusTotal(phishUrl: string) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const json = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (req.headers["x-apikey"] !== "vt-e2e-key") return json(401, { error: { code: "WrongCredentialsError", message: "Wrong API key" } });
    const id = new URL(req.url!, "http://x").pathname.replace(/^\/api\/v3\/urls\//, "");
    vtAsked.push(id);
    if (id !== Buffer.from(phishUrl).toString("base64url")) return json(404, { error: { code: "NotFoundError", message: `URL "${id}" not found` } });
    const sha = createHash("sha256").update(phishUrl).digest("hex");
    json(200, { data: { id: sha, type: "url", links: { self: `https://www.virustotal.com/api/v3/urls/${sha}` },
      attributes: { url: phishUrl, title: "PayPal - Log in", last_analysis_stats: { harmless: 50, malicious: 11, suspicious: 2, undetected: 8, timeout: 0 } } } });
  };
}

const tag = unique("e2e");
const PHISH_URL = `https://paypa1-secure.example/verify/${tag}`;

beforeAll(async () => {
  [admin, analyst] = [await tokenClient("administrator"), await tokenClient("analyst")];
  [dovecot, slapd, vt] = await Promise.all([startDovecot(), startSlapd({ suffix: SUFFIX, ldif: LDIF }), startHttpServer(virusTotal(PHISH_URL))]);
  // The organisation's MX: takes the message over SMTP and hands it to Dovecot's delivery agent;
  // it answers 250 only once dovecot-lda has stored it, as a real mailbox transport does.
  mx = new SMTPServer({
    authOptional: true, disabledCommands: ["STARTTLS", "AUTH"], logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => dovecot.deliver(Buffer.concat(chunks), session.envelope.mailFrom ? session.envelope.mailFrom.address : "").then(() => callback(), callback));
    },
  });
  mxPort = await freePort();
  await new Promise<void>((resolve) => mx.listen(mxPort, "127.0.0.1", resolve));
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => (mx ? mx.close(() => resolve()) : resolve()));
  await Promise.all([dovecot?.stop(), slapd?.stop(), vt?.close()]);
});

async function asset(name: string, vendor: string, product: string, configuration: Record<string, unknown>, ingest?: Record<string, unknown>) {
  const created = await admin.call("POST", "/rest/asset", { name, product_vendor: vendor, product_name: product, configuration, ingest });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  return created.body.id as number;
}

describe("a phishing email, end to end", () => {
  it("arrives over SMTP, is polled into a container with its artifacts and attachment, gets a VirusTotal verdict for its URL, and its sender is disabled in the directory", async () => {
    const mailbox = unique("phish-mailbox");
    const assetId = await asset(mailbox, "Generic", "IMAP", {
      server: "127.0.0.1", port: dovecot.port, use_ssl: false, verify_server_cert: false, username: dovecot.user, password: dovecot.password,
      folder: "INBOX", processed_folder: "Processed", ingest_manner: "oldest first", first_run_max_emails: 10, max_emails: 10,
    }, { poll: true, interval_seconds: 2, container_label: "phishing" });
    const polls = () => db.actionRun.findMany({ where: { name: `poll ${mailbox}` }, orderBy: { id: "asc" } });
    // The schedule runs on its own: wait for a first, empty poll so the mail arrives between polls.
    await waitFor("a first scheduled poll to finish", async () => (await polls()).some((r) => r.status === "success"), 60_000, 200);

    const attachment = Buffer.from(`%PDF-1.4\n% invoice ${tag}\n`);
    const messageId = `<${tag}@corp.test>`;
    const sent = await nodemailer.createTransport({ host: "127.0.0.1", port: mxPort, secure: false, ignoreTLS: true }).sendMail({
      from: "Jane Doe <jdoe@corp.test>", to: "soc@corp.test", subject: `Urgent: invoice ${tag} overdue`, messageId,
      text: `Your account is suspended. Verify now at ${PHISH_URL} or it will be closed.`,
      attachments: [{ filename: "invoice.pdf", content: attachment, contentType: "application/pdf" }],
    });
    expect(sent.response).toMatch(/^250/);
    const deliveredAt = new Date();

    const made = await waitFor("the polled container", () => db.container.findFirst({ where: { sourceDataIdentifier: messageId } }), 60_000, 200);
    // Polls of one asset never overlap, so the container's maker is the last poll started before it.
    const runs = await polls();
    const maker = runs.filter((r) => r.createdAt <= made.createdAt).at(-1)!;
    // The container is saved while its poll still runs; the poll's summary is written when it ends.
    const makerRun = await waitFor("the poll that made it to finish", async () => (await db.appRun.findMany({ where: { actionRunId: maker.id, status: { in: ["success", "failed"] } } }))[0], 60_000, 200);
    const summary = (makerRun.resultData as { summary?: { new_containers?: number } }[])[0]?.summary;
    expect(summary?.new_containers, JSON.stringify(makerRun.resultData)).toBe(1);
    const firstAfter = runs.find((r) => r.createdAt > deliveredAt);
    if (firstAfter) expect(maker.id, "made by the poll running at delivery or the next one").toBeLessThanOrEqual(firstAfter.id);

    // Its vault files are stored after the container, within the same poll (now finished).
    const container = await db.container.findUniqueOrThrow({ where: { id: made.id }, include: { artifacts: true, attachments: true } });
    expect(container).toMatchObject({ name: `Urgent: invoice ${tag} overdue`, label: "phishing" });
    const cefs = container.artifacts.map((a) => a.cef as Record<string, unknown>);
    expect(cefs).toContainEqual(expect.objectContaining({ fromEmail: "jdoe@corp.test", toEmail: "soc@corp.test" }));
    expect(cefs).toContainEqual({ requestURL: PHISH_URL });
    expect(cefs).toContainEqual({ destinationDnsDomain: "paypa1-secure.example" });
    const sha = createHash("sha256").update(attachment).digest("hex");
    expect(cefs).toContainEqual(expect.objectContaining({ fileName: "invoice.pdf", fileHash: sha }));
    expect(container.attachments.map((a) => a.name).sort()).toEqual([`Urgent: invoice ${tag} overdue.eml`, "invoice.pdf"].sort());
    // Stop polling: the rest of the test works on this container.
    await admin.call("POST", `/rest/asset/${assetId}`, { ingest: { poll: false } });

    // url reputation on the container's URL artifact, against the VirusTotal-speaking server.
    const vtAsset = unique("vt");
    await asset(vtAsset, "VirusTotal", "VirusTotal v3", { apikey: "vt-e2e-key", base_url: vt.url, timeout: 10 });
    const url = cefs.find((c) => typeof c.requestURL === "string")!.requestURL as string;
    const reputation = await runAction(analyst, { action: "url reputation", container_id: container.id, targets: [{ assets: [vtAsset], parameters: [{ url }] }] }, 60_000);
    expect(reputation.actionRun.status, JSON.stringify(reputation.appRuns[0]?.result_data)).toBe("success");
    expect(reputation.appRuns[0].result_data[0]).toMatchObject({
      status: "success", message: "Successfully fetched URL reputation: 11 malicious, 2 suspicious",
      summary: { malicious: 11, suspicious: 2, scan_id: createHash("sha256").update(PHISH_URL).digest("hex") },
      data: [{ attributes: { url: PHISH_URL, title: "PayPal - Log in" } }],
    });
    expect(vtAsked).toContain(Buffer.from(PHISH_URL).toString("base64url"));

    // disable account on the sender (the sAMAccountName is the address's local part here).
    const ad = unique("ad");
    await asset(ad, "Splunk", "Active Directory LDAP", { server: "127.0.0.1", force_ssl: false, port: slapd.port, username: slapd.rootDn, password: slapd.rootPw, timeout: 10 });
    const sender = (cefs.find((c) => c.fromEmail)!.fromEmail as string).split("@")[0];
    const before = await slapd.search("(sAMAccountName=jdoe)", ["userAccountControl"]);
    expect(before[0]!.attrs.useraccountcontrol).toEqual(["512"]);
    const disabled = await runAction(analyst, { action: "disable account", container_id: container.id, targets: [{ assets: [ad], parameters: [{ user: sender, use_samaccountname: true }] }] }, 60_000);
    expect(disabled.actionRun.status, JSON.stringify(disabled.appRuns[0]?.result_data)).toBe("success");
    expect(disabled.appRuns[0].result_data[0]).toMatchObject({ message: "Account status: disabled", data: [{ user_dn: SENDER_DN, starting_status: "enabled" }] });
    const after = await slapd.search("(sAMAccountName=jdoe)", ["userAccountControl"]);
    expect(after[0]).toMatchObject({ dn: SENDER_DN, attrs: { useraccountcontrol: ["514"] } });
  }, 240_000);
});
