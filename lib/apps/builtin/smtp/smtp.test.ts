// The SMTP app against real SMTP servers on loopback (npm smtp-server: STARTTLS and implicit TLS
// with its self-signed certificate, login checked), reading what arrived with mailparser; and
// against servers that refuse, never greet, or greet with nonsense.
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TransientError } from "@/lib/apps/sdk";
import { rawServer as startRawServer } from "@/lib/testing/daemon";
import { freePort } from "@/lib/testing/ports";
import { testContext } from "../app-test-context";
import app from "./index";

interface Arrived {
  from: string;
  to: string[];
  user?: string;
  mail: ParsedMail;
}

const arrived: Arrived[] = [];
const servers: { close(cb?: () => void): void }[] = [];

async function smtpServer(options: Partial<SMTPServerOptions>): Promise<number> {
  const port = await freePort();
  const server = new SMTPServer({
    authOptional: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === "alice" && auth.password === "opensesame") return callback(null, { user: "alice" });
      callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        arrived.push({ from: String(session.envelope.mailFrom && session.envelope.mailFrom.address), to: session.envelope.rcptTo.map((r) => r.address), user: session.user as string | undefined, mail });
        callback();
      }, callback);
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  servers.push(server);
  return port;
}

/** A TCP server that greets with `greeting` (or never, when undefined). */
async function rawServer(greeting?: string): Promise<number> {
  const server = await startRawServer((socket) => void (greeting && socket.write(greeting)));
  servers.push(server);
  return server.port;
}

let plainPort: number;
let startTlsPort: number;
let sslPort: number;
const last = () => arrived[arrived.length - 1]!;
const send = (config: Record<string, unknown>, param: Record<string, unknown>, action = "send_email") => app.actions[action]!(testContext(config), param);

beforeAll(async () => {
  plainPort = await smtpServer({ disabledCommands: ["STARTTLS", "AUTH"] });
  startTlsPort = await smtpServer({});
  sslPort = await smtpServer({ secure: true });
});
afterAll(() => servers.forEach((s) => s.close()));

const plain = () => ({ server: "127.0.0.1", port: plainPort, ssl_config: "None", sender_address: "soc@vigil.test" });
const startTls = () => ({ server: "127.0.0.1", port: startTlsPort, ssl_config: "StartTLS", verify_server_cert: false, username: "alice", password: "opensesame", sender_address: "soc@vigil.test" });

describe("send email", () => {
  it("delivers a text message to to and cc, with subject, custom headers and the asset's sender", async () => {
    const result = await send(plain(), { to: "bob@corp.test, carol@corp.test", cc: "dave@corp.test", subject: "Suspicious login", body: "Please check host-7.", headers: '{"X-Vigil-Case": "42"}' });
    expect(result.status).toBe("success");
    const got = last();
    expect(got.from).toBe("soc@vigil.test");
    expect(got.to).toEqual(["bob@corp.test", "carol@corp.test", "dave@corp.test"]);
    expect(got.mail.subject).toBe("Suspicious login");
    expect(got.mail.text?.trim()).toBe("Please check host-7.");
    expect(got.mail.html).toBe(false);
    expect(got.mail.headers.get("x-vigil-case")).toBe("42");
    expect(result.data[0]).toMatchObject({ message_id: got.mail.messageId, accepted: ["bob@corp.test", "carol@corp.test", "dave@corp.test"], rejected: [] });
  });

  it("sends a body with markup as HTML, bcc only in the envelope", async () => {
    await send(plain(), { from: "ir@vigil.test", to: "bob@corp.test", bcc: "audit@corp.test", subject: "html", body: "<p>Host <b>isolated</b></p>" });
    const got = last();
    expect(got.from).toBe("ir@vigil.test");
    expect(got.to).toEqual(["bob@corp.test", "audit@corp.test"]);
    expect(got.mail.html).toContain("<b>isolated</b>");
    expect(got.mail.headers.get("bcc")).toBeUndefined();
  });

  it("logs in over STARTTLS and over implicit TLS", async () => {
    expect((await send(startTls(), { to: "bob@corp.test", body: "over starttls" })).status).toBe("success");
    expect(last()).toMatchObject({ user: "alice", from: "soc@vigil.test" });
    const ssl = { ...startTls(), port: sslPort, ssl_config: "SSL" };
    expect((await send(ssl, { to: "bob@corp.test", body: "over tls" })).status).toBe("success");
    expect(last()).toMatchObject({ user: "alice", from: "soc@vigil.test" });
    expect(last().mail.text?.trim()).toBe("over tls");
  });

  it("attaches vault files by vault id", async () => {
    const ctx = testContext(plain());
    const a = await ctx.vault.add(1, "report.txt", "hello attachment");
    const b = await ctx.vault.add(1, "notes.txt", "second");
    await app.actions.send_email!(ctx, { to: "bob@corp.test", body: "see attached", attachments: `${a.vault_id}, ${b.vault_id}` });
    expect(last().mail.attachments.map((f) => [f.filename, f.content.toString()])).toEqual([["report.txt", "hello attachment"], ["notes.txt", "second"]]);
    await expect(app.actions.send_email!(ctx, { to: "bob@corp.test", body: "x", attachments: "b".repeat(64) })).rejects.toThrow(`attachment ${"b".repeat(64)}: no vault file has the id ${"b".repeat(64)}`);
  });

  it("refuses bad input before connecting", async () => {
    await expect(send(plain(), { body: "x" })).rejects.toThrow("to: at least one recipient");
    await expect(send(plain(), { to: "bob@corp.test" })).rejects.toThrow("body:");
    await expect(send(plain(), { to: "bob@corp.test", body: "x", headers: "[1]" })).rejects.toThrow("headers: expected a JSON object");
    await expect(send({ ...plain(), sender_address: "" }, { to: "bob@corp.test", body: "x" })).rejects.toThrow("from: no sender address");
  });
});

describe("send htmlemail and send rawemail", () => {
  it("sends HTML with its text alternative and an inline image by content id", async () => {
    const ctx = testContext(startTls());
    const png = await ctx.vault.add(1, "logo.png", Uint8Array.from([0x89, 0x50, 0x4e, 0x47]));
    const result = await app.actions.send_htmlemail!(ctx, { to: "bob@corp.test", subject: "Report", html_body: '<p>See <img src="cid:logo"></p>', text_body: "See the logo", attachment1: png.vault_id, content_id1: "logo" });
    expect(result.status).toBe("success");
    const mail = last().mail;
    expect(mail.text?.trim()).toBe("See the logo");
    expect(mail.attachments[0]).toMatchObject({ cid: "logo", filename: "logo.png" });
  });

  it("sends a raw message as it is, the envelope from its headers", async () => {
    const raw = "From: Ops <ops@vigil.test>\r\nTo: bob@corp.test\r\nCc: carol@corp.test\r\nSubject: raw one\r\nMessage-ID: <raw-1@vigil.test>\r\n\r\nraw body\r\n";
    expect((await send(plain(), { raw_email: raw }, "send_rawemail")).status).toBe("success");
    expect(last()).toMatchObject({ from: "ops@vigil.test", to: ["bob@corp.test", "carol@corp.test"] });
    expect(last().mail.messageId).toBe("<raw-1@vigil.test>");
  });
});

describe("failures", () => {
  it("bad credentials: the server's refusal, naming the user", async () => {
    await expect(send({ ...startTls(), password: "wrong" }, { to: "bob@corp.test", body: "x" })).rejects.toThrow(/127\.0\.0\.1:\d+ refused the login of "alice" \(535 Invalid username or password\)/);
    const test = await send({ ...startTls(), password: "wrong" }, {}, "test_connectivity");
    expect(test.status).toBe("failed");
    expect(test.message).toMatch(/^Test Connectivity Failed\. .*refused the login/);
    expect((await send(startTls(), {}, "test_connectivity")).message).toBe("Test Connectivity Passed");
  });

  it("an unverifiable certificate is refused unless verify_server_cert is off", async () => {
    await expect(send({ ...startTls(), verify_server_cert: true }, { to: "bob@corp.test", body: "x" })).rejects.toThrow(/TLS certificate of 127\.0\.0\.1:\d+ was not accepted .*verify_server_cert/);
  });

  it("StartTLS against a server without STARTTLS says to change ssl_config", async () => {
    await expect(send({ ...plain(), ssl_config: "StartTLS" }, { to: "bob@corp.test", body: "x" })).rejects.toThrow(/ssl_config/);
  });

  it("a refused connection is a TransientError naming the server", async () => {
    const port = await freePort();
    const attempt = send({ ...plain(), port }, { to: "bob@corp.test", body: "x" });
    await expect(attempt).rejects.toThrow(TransientError);
    await expect(attempt).rejects.toThrow(`connection refused by 127.0.0.1:${port}`);
  });

  it("a server that never greets times out after the asset's timeout", async () => {
    const port = await rawServer();
    const started = Date.now();
    await expect(send({ ...plain(), port, timeout: 1 }, { to: "bob@corp.test", body: "x" })).rejects.toThrow(`no answer from 127.0.0.1:${port} within 1 s`);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("a server that answers nonsense is a failure with its words", async () => {
    const port = await rawServer("HELLO THERE\r\n");
    await expect(send({ ...plain(), port, timeout: 2 }, { to: "bob@corp.test", body: "x" })).rejects.toThrow(`127.0.0.1:${port} did not answer as an SMTP server should (Invalid greeting. response=HELLO THERE: HELLO THERE)`);
  });
});
