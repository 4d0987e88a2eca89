// One IMAP session per action for the IMAP app (imapflow): IMAPS when use_ssl is on (port 993),
// plain IMAP otherwise (port 143, upgraded with STARTTLS when the server offers it), the asset's
// timeout for connecting and each answer, logged out when the action ends or is aborted.
import { ImapFlow } from "imapflow";
import type { AppContext } from "@/lib/apps/sdk";
import { networkProblem } from "../net-errors";
import { seconds, str } from "../params";

/** A failure a retry cannot change (login refused, no such folder): a failed result. */
export class MailboxError extends Error {}

function endpoint(config: AppContext["config"]) {
  const host = str(config.server).trim();
  if (!host) throw new MailboxError("the asset has no server");
  const ssl = config.use_ssl !== false;
  const port = Number(config.port) > 0 ? Number(config.port) : ssl ? 993 : 143;
  return { host, port, ssl, where: `${host}:${port}`, timeoutS: seconds(config.timeout, 60) };
}

function problem(err: unknown, config: AppContext["config"]): Error {
  const { where, timeoutS } = endpoint(config);
  if (err instanceof MailboxError) return err;
  const e = err as { authenticationFailed?: boolean; responseText?: string; code?: string; message?: string };
  if (e?.authenticationFailed) return new MailboxError(`${where} refused the login of "${str(config.username)}" (${e.responseText ?? "authentication failed"}): check username and password`);
  if (e?.code === "NoConnection" || /timeout|timed out/i.test(e?.message ?? "") || /TIMEOUT/.test(e?.code ?? "")) {
    if (!/ECONNREFUSED/.test(e?.message ?? "")) return new Error(`no answer from ${where} within ${timeoutS} s (the asset's timeout)`);
  }
  const net = networkProblem(err, where, timeoutS, "set verify_server_cert to false to accept it");
  if (net) return net;
  return new Error(`${where} did not answer as an IMAP server should (${e?.responseText ?? e?.message ?? String(err)})`);
}

/** Logs in, runs `work`, logs out; every failure comes back as a clear error. */
export async function withMailbox<T>(ctx: AppContext, work: (client: ImapFlow) => Promise<T>): Promise<T> {
  const { host, port, ssl, timeoutS } = endpoint(ctx.config);
  const client = new ImapFlow({
    host, port, secure: ssl,
    auth: { user: str(ctx.config.username), pass: str(ctx.config.password) },
    tls: { rejectUnauthorized: ctx.config.verify_server_cert !== false, servername: host },
    logger: false,
    connectionTimeout: timeoutS * 1000,
    greetingTimeout: timeoutS * 1000,
    socketTimeout: timeoutS * 1000,
  });
  client.on("error", () => {}); // reported through the failing command; must not go unhandled
  const onAbort = () => client.close();
  ctx.signal.addEventListener("abort", onAbort, { once: true });
  try {
    await client.connect();
    return await work(client);
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    throw problem(err, ctx.config);
  } finally {
    ctx.signal.removeEventListener("abort", onAbort);
    if (client.usable) await client.logout().catch(() => client.close());
    else client.close();
  }
}
