// SMTP app: SOAR's `send email`, `send htmlemail`, `send rawemail` and `test connectivity`
// (phantom_smtp's identifiers and parameters) over nodemailer. Configuration as SOAR's: server,
// port, ssl_config (SSL = implicit TLS, StartTLS = required upgrade, None = plain), auth_type
// (Automatic logs in when a username is set), sender_address; plus Vigil's verify_server_cert
// and timeout. Attachments are vault ids (Vigil's vault ids are SHA-256 hashes).
import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import type Mail from "nodemailer/lib/mailer";
import { simpleParser, type AddressObject } from "mailparser";
import { failed, success, TransientError, type ActionHandler, type AppContext, type AppModule } from "@/lib/apps/sdk";
import { connectivityTest } from "../connectivity";
import { networkProblem } from "../net-errors";
import { jsonObject, list, seconds, str } from "../params";
import { attachmentsFor, htmlAttachments } from "./attachments";

type Params = Record<string, unknown>;

function endpoint(config: AppContext["config"]) {
  const host = str(config.server).trim();
  if (!host) throw new Error("the asset has no server");
  const ssl = str(config.ssl_config) || "StartTLS";
  if (!["SSL", "StartTLS", "None"].includes(ssl)) throw new Error(`ssl_config: expected SSL, StartTLS or None, not "${ssl}"`);
  const port = Number(config.port) > 0 ? Number(config.port) : ssl === "SSL" ? 465 : 25;
  return { host, port, ssl, timeoutS: seconds(config.timeout, 30) };
}

function transportOptions(config: AppContext["config"]): SMTPTransport.Options {
  const { host, port, ssl, timeoutS } = endpoint(config);
  const authType = str(config.auth_type) || "Automatic";
  const username = str(config.username);
  if (authType === "Basic" && !username) throw new Error("auth_type is Basic but the asset has no username");
  const login = authType === "Basic" || (authType === "Automatic" && username !== "");
  return {
    host,
    port,
    secure: ssl === "SSL",
    requireTLS: ssl === "StartTLS",
    ignoreTLS: ssl === "None",
    auth: login ? { user: username, pass: str(config.password) } : undefined,
    tls: { rejectUnauthorized: config.verify_server_cert !== false, servername: host },
    connectionTimeout: timeoutS * 1000,
    greetingTimeout: timeoutS * 1000,
    socketTimeout: timeoutS * 1000,
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/** What went wrong talking to the server, as a clear error (TransientError when a retry may help). */
function smtpProblem(err: unknown, config: AppContext["config"]): Error {
  const { host, port, timeoutS } = endpoint(config);
  const where = `${host}:${port}`;
  const e = err as { code?: string; responseCode?: number; response?: string; message?: string };
  if (e.code === "EAUTH") return new Error(`${where} refused the login of "${str(config.username)}" (${e.response ?? e.message}): check username and password`);
  if (e.code === "ETIMEDOUT" || /greeting never received|timeout/i.test(e.message ?? "")) return new Error(`no answer from ${where} within ${timeoutS} s (the asset's timeout)`);
  if (/STARTTLS/.test(e.message ?? "") && !/certificate/i.test(e.message ?? "")) return new Error(`${where} did not take STARTTLS (${e.message}): set ssl_config to SSL or None to match the server`);
  const net = networkProblem(err, where, timeoutS, "set verify_server_cert to false to accept it");
  if (net) return net;
  if (e.code === "EPROTOCOL") return new Error(`${where} did not answer as an SMTP server should (${e.message})`);
  if (e.responseCode && e.responseCode >= 400 && e.responseCode < 500) return new TransientError(`${where} answered ${e.response ?? e.message} (temporary failure)`);
  if (e.responseCode) return new Error(`${where} refused the message: ${e.response ?? e.message}`);
  return err instanceof Error ? err : new Error(String(err));
}

/** Runs `work` with a transporter that is closed when it is done or the run is aborted. */
async function withTransport<T>(ctx: AppContext, work: (t: Mail<SMTPTransport.SentMessageInfo>) => Promise<T>): Promise<T> {
  const transporter = nodemailer.createTransport(transportOptions(ctx.config));
  const onAbort = () => transporter.close();
  ctx.signal.addEventListener("abort", onAbort, { once: true });
  try {
    return await work(transporter);
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    throw smtpProblem(err, ctx.config);
  } finally {
    ctx.signal.removeEventListener("abort", onAbort);
    transporter.close();
  }
}

function sender(ctx: AppContext, param: Params): string {
  // SOAR falls back to the login name, which often is the mailbox address.
  const username = str(ctx.config.username).trim();
  const from = str(param.from).trim() || str(ctx.config.sender_address).trim() || (username.includes("@") ? username : "");
  if (!from) throw new Error("from: no sender address (give `from`, or set the asset's sender_address)");
  return from;
}

function envelopeOf(param: Params) {
  const to = list(param.to);
  if (to.length === 0) throw new Error("to: at least one recipient is needed");
  return { to, cc: list(param.cc), bcc: list(param.bcc) };
}

async function send(ctx: AppContext, message: Mail.Options) {
  const info = await withTransport(ctx, (t) => t.sendMail({ ...message, disableFileAccess: true, disableUrlAccess: true }));
  const data = { message_id: info.messageId, accepted: info.accepted.map(String), rejected: info.rejected.map(String), response: info.response };
  ctx.log.info(`sent ${info.messageId} to ${data.accepted.length} recipient(s)`);
  if (data.accepted.length === 0) return failed(`the server accepted none of the recipients (${data.rejected.join(", ")})`, [data]);
  const note = data.rejected.length ? `; refused: ${data.rejected.join(", ")}` : "";
  return success(`Email sent${note}`, [data], { message_id: info.messageId });
}

/** The addressing every composed message shares: sender, recipients, subject, extra headers. */
function heading(ctx: AppContext, param: Params): Mail.Options {
  return { from: sender(ctx, param), ...envelopeOf(param), subject: str(param.subject), headers: jsonObject(param.headers, "headers", '{"X-Case": "42"}') };
}

// SOAR's send email takes one body: one with markup goes out as HTML, anything else as text.
const LOOKS_HTML = /<\s*(html|body|p|div|br|table|a|b|i|span|h[1-6]|ul|ol|img)\b[^>]*>/i;

const sendEmail: ActionHandler = async (ctx, param) => {
  const body = str(param.body);
  if (!body) throw new Error("body: the message needs a body");
  const content = LOOKS_HTML.test(body) ? { html: body } : { text: body };
  return send(ctx, { ...heading(ctx, param), ...content, attachments: await attachmentsFor(ctx, list(param.attachments)) });
};

const sendHtmlEmail: ActionHandler = async (ctx, param) => {
  const html = str(param.html_body);
  if (!html) throw new Error("html_body: the message needs an HTML body");
  return send(ctx, { ...heading(ctx, param), html, text: str(param.text_body) || undefined, attachments: await htmlAttachments(ctx, param) });
};

const addresses = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address ?? "")).filter(Boolean);

const sendRawEmail: ActionHandler = async (ctx, param) => {
  const raw = str(param.raw_email);
  if (!raw.trim()) throw new Error("raw_email: empty message");
  const parsed = await simpleParser(raw);
  const from = addresses(parsed.from)[0] || str(ctx.config.sender_address);
  const to = [...addresses(parsed.to), ...addresses(parsed.cc), ...addresses(parsed.bcc)];
  if (!from) throw new Error("raw_email: no From header (and the asset has no sender_address)");
  if (to.length === 0) throw new Error("raw_email: no recipients in its To, Cc or Bcc headers");
  return send(ctx, { envelope: { from, to }, raw });
};

const testConnectivity = connectivityTest(async (ctx) => void (await withTransport(ctx, (t) => t.verify())));

const app: AppModule = {
  actions: {
    test_connectivity: testConnectivity,
    send_email: sendEmail,
    send_htmlemail: sendHtmlEmail,
    send_rawemail: sendRawEmail,
  },
};
export default app;
