// One SSH connection per action for the SSH app (ssh2): key or password login, the host key
// checked against the pinned fingerprint when one is configured, the asset's timeout for the
// handshake, closed when the action ends or is aborted. Commands and SFTP run over it.
import { createHash } from "node:crypto";
import { Client, type SFTPWrapper } from "ssh2";
import type { AppContext } from "@/lib/apps/sdk";
import { networkProblem } from "../net-errors";
import { seconds, str } from "../params";

/** A failure a retry cannot change (login refused, host key mismatch, command failed): a failed result. */
export class SshError extends Error {}

const MAX_OUTPUT = 4 * 1024 * 1024;

export interface Session {
  /** Runs `command`; stdout and stderr as text, the exit status (null when killed by a signal). */
  exec(command: string, timeoutS?: number): Promise<{ output: string; error: string; exitStatus: number | null }>;
  sftp(): Promise<SFTPWrapper>;
  where: string;
}

function fingerprint(key: Buffer): string {
  return `SHA256:${createHash("sha256").update(key).digest("base64").replace(/=+$/, "")}`;
}

function problem(err: unknown, where: string, timeoutS: number, config: AppContext["config"]): Error {
  if (err instanceof SshError) return err;
  const e = err as { level?: string; message?: string };
  const message = e?.message ?? String(err);
  if (e?.level === "client-authentication") return new SshError(`${where} refused the login of "${str(config.username)}" (${config.private_key ? "key" : "password"} authentication): check the username, password or private key`);
  if (/timed out/i.test(message)) return new Error(`no answer from ${where} within ${timeoutS} s (the asset's timeout)`);
  const net = networkProblem(err, where, timeoutS, "");
  if (net) return net;
  if (e?.level === "protocol" || /protocol|ident|banner/i.test(message)) return new Error(`${where} did not answer as an SSH server should (${message})`);
  return err instanceof Error ? err : new Error(message);
}

/** Connects to `host` (an action's ip_hostname, else the asset's), runs `work`, disconnects. */
export async function withSession<T>(ctx: AppContext, host: string, work: (s: Session) => Promise<T>): Promise<T> {
  const target = host.trim() || str(ctx.config.ip_hostname).trim();
  if (!target) throw new SshError("ip_hostname: which host?");
  const port = Number(ctx.config.port) > 0 ? Number(ctx.config.port) : 22;
  const where = `${target}:${port}`;
  const timeoutS = seconds(ctx.config.timeout, 120);
  const pinned = str(ctx.config.host_key_fingerprint).trim().replace(/=+$/, "");
  let seenKey = "";
  const conn = new Client();
  // ssh2 can emit a second error after the first (a lost connection after a protocol error);
  // the first one is the story, the rest must not become unhandled.
  conn.on("error", () => {});
  const onAbort = () => conn.end();
  ctx.signal.addEventListener("abort", onAbort, { once: true });
  try {
    await new Promise<void>((resolve, reject) => {
      conn.once("ready", () => resolve());
      conn.once("error", reject);
      conn.once("close", () => reject(new Error(`${where} closed the connection during the handshake`)));
      conn.connect({
        host: target, port, username: str(ctx.config.username),
        ...(ctx.config.private_key ? { privateKey: str(ctx.config.private_key), passphrase: str(ctx.config.private_key_passphrase) || undefined } : { password: str(ctx.config.password) }),
        readyTimeout: timeoutS * 1000,
        hostVerifier: (key: Buffer) => {
          seenKey = fingerprint(key);
          return !pinned || seenKey === pinned;
        },
      });
    }).catch((err) => {
      if (pinned && seenKey && seenKey !== pinned) throw new SshError(`the host key of ${where} is ${seenKey}, not the pinned ${pinned}: refusing to log in (a different server, or its key was changed)`);
      throw err;
    });
    ctx.log.info(`connected to ${where}, host key ${seenKey}`);
    return await work({ where, exec: (command, limitS) => exec(conn, command, limitS ?? timeoutS, where), sftp: () => sftp(conn) });
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    throw problem(err, where, timeoutS, ctx.config);
  } finally {
    ctx.signal.removeEventListener("abort", onAbort);
    conn.end();
  }
}

function exec(conn: Client, command: string, timeoutS: number, where: string): Promise<{ output: string; error: string; exitStatus: number | null }> {
  return new Promise((resolve, reject) => {
    conn.exec(command, (err, stream) => {
      if (err) return reject(err);
      const out: Buffer[] = [];
      const errs: Buffer[] = [];
      let size = 0;
      const keep = (into: Buffer[]) => (chunk: Buffer) => {
        if (size < MAX_OUTPUT) into.push(chunk.subarray(0, MAX_OUTPUT - size));
        size += chunk.length;
      };
      const timer = setTimeout(() => {
        stream.close();
        reject(new SshError(`the command did not finish on ${where} within ${timeoutS} s`));
      }, timeoutS * 1000);
      stream.on("data", keep(out));
      stream.stderr.on("data", keep(errs));
      stream.on("close", (code: number | null) => {
        clearTimeout(timer);
        resolve({ output: Buffer.concat(out).toString("utf8"), error: Buffer.concat(errs).toString("utf8"), exitStatus: code ?? null });
      });
    });
  });
}

function sftp(conn: Client): Promise<SFTPWrapper> {
  return new Promise((resolve, reject) => conn.sftp((err, s) => (err ? reject(err) : resolve(s))));
}
