// A throwaway IMAP server for tests: Debian's dovecot (package dovecot-imapd) with a temporary
// dovecot.conf, one mailbox user from a passwd-file, Maildir storage in a temporary directory
// owned by `nobody`, plain IMAP and IMAPS (fresh self-signed certificate) on loopback ports.
// Tests put messages in with IMAP APPEND, or deliver them as a mail server would with Dovecot's
// own local delivery agent (deliver(): dovecot-lda, as an MTA's mailbox transport runs it), and
// read the folders back to see what the app did.
import { spawn } from "node:child_process";
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { firstBytes, selfSignedCertFiles, startDaemon } from "./daemon";
import { freePort } from "./ports";

const NOBODY = 65534;

export interface Dovecot {
  port: number;
  sslPort: number;
  user: string;
  password: string;
  /** Delivers a raw message into `user`'s INBOX with dovecot-lda (resolves once it is stored). */
  deliver(raw: Buffer, from: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startDovecot(opts: { user?: string; password?: string } = {}): Promise<Dovecot> {
  const user = opts.user ?? "soc@corp.test";
  const password = opts.password ?? "mailbox-secret";
  const dir = await mkdtemp(path.join(os.tmpdir(), "vigil-dovecot-"));
  const [port, sslPort] = [await freePort(), await freePort()];
  // The mail processes run as nobody and dovecot's own users; they must reach their directories.
  await chmod(dir, 0o755);
  for (const sub of ["run", "state", "mail"]) await mkdir(path.join(dir, sub));
  await chown(path.join(dir, "mail"), NOBODY, NOBODY);
  await selfSignedCertFiles(dir);
  await writeFile(path.join(dir, "users"), `${user}:{PLAIN}${password}::::::\n`);
  const conf = `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = /dev/stderr
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <${dir}/cert.pem
ssl_key = <${dir}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
default_login_user = dovenull
default_internal_user = dovecot
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${dir}/users
}
userdb {
  driver = static
  args = uid=${NOBODY} gid=${NOBODY} home=${dir}/mail/%u
}
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  separator = /
  mailbox Processed {
    auto = create
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${sslPort}
    ssl = yes
  }
}
`;
  await writeFile(path.join(dir, "dovecot.conf"), conf);
  // -F: stay in the foreground as our child.
  const daemon = await startDaemon("dovecot", "/usr/sbin/dovecot", ["-F", "-c", path.join(dir, "dovecot.conf")], async () => (await firstBytes(port)).startsWith("* OK"));
  return {
    port, sslPort, user, password,
    deliver: (raw, from) => new Promise((resolve, reject) => {
      // As root, dovecot-lda asks the running dovecot's auth-userdb socket for the user and
      // switches to its uid before writing the Maildir, as it does behind Postfix or Exim.
      const lda = spawn("/usr/lib/dovecot/dovecot-lda", ["-c", path.join(dir, "dovecot.conf"), "-d", user, "-f", from], { stdio: ["pipe", "ignore", "pipe"] });
      let stderr = "";
      lda.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
      lda.on("error", reject);
      lda.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`dovecot-lda exited with ${code}: ${stderr.trim()}`))));
      lda.stdin.end(raw);
    }),
    async stop() {
      await daemon.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
