// A throwaway OpenSSH server for tests: Debian's sshd (package openssh-server) with a temporary
// sshd_config, a fresh host key and authorized_keys, listening on a loopback port, logging in
// one unprivileged test user (created once if missing, its password set at each start) by key
// or password; SFTP through sshd's internal-sftp. Needs root, as sshd does to log users in.
import { execFile, spawn } from "node:child_process";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { firstBytes, startDaemon } from "./daemon";
import { freePort } from "./ports";

const run = promisify(execFile);

export const SSH_TEST_USER = "vigil-ssh-test";

export interface Sshd {
  port: number;
  user: string;
  password: string;
  /** The client's private key (OpenSSH format) whose public half is authorized. */
  privateKey: string;
  /** The host key's fingerprint as `ssh-keygen -l` prints it: "SHA256:...". */
  hostKeyFingerprint: string;
  /** A scratch directory the test user owns (for get file / put file). */
  home: string;
  stop(): Promise<void>;
}

async function ensureUser(password: string): Promise<string> {
  const home = `/home/${SSH_TEST_USER}`;
  const exists = await run("id", ["-u", SSH_TEST_USER]).then(() => true, () => false);
  if (!exists) await run("useradd", ["--create-home", "--home-dir", home, "--shell", "/bin/sh", SSH_TEST_USER]);
  const chpasswd = spawn("chpasswd");
  chpasswd.stdin.end(`${SSH_TEST_USER}:${password}\n`);
  const code = await new Promise<number | null>((resolve) => chpasswd.on("exit", resolve));
  if (code !== 0) throw new Error(`chpasswd failed for ${SSH_TEST_USER}`);
  return home;
}

export async function startSshd(): Promise<Sshd> {
  if (process.getuid?.() !== 0) throw new Error("the sshd test server needs root (sshd logs users in as themselves)");
  const password = `pw-${Math.random().toString(36).slice(2, 10)}`;
  const home = await ensureUser(password);
  const dir = await mkdtemp(path.join(os.tmpdir(), "vigil-sshd-"));
  const port = await freePort();
  const keygen = (file: string) => run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "vigil-test", "-f", path.join(dir, file)]);
  await Promise.all([keygen("host_key"), keygen("client_key")]);
  // sshd reads authorized_keys as the user: the directory must let them in (the keys in it stay 0600).
  await chmod(dir, 0o755);
  await writeFile(path.join(dir, "authorized_keys"), await readFile(path.join(dir, "client_key.pub")), { mode: 0o644 });
  const fingerprint = (await run("ssh-keygen", ["-l", "-E", "sha256", "-f", path.join(dir, "host_key.pub")])).stdout.split(" ")[1]!;
  await mkdir("/run/sshd", { recursive: true }); // Debian's privilege separation directory
  const config = [
    `Port ${port}`,
    "ListenAddress 127.0.0.1",
    `HostKey ${path.join(dir, "host_key")}`,
    `PidFile ${path.join(dir, "sshd.pid")}`,
    `AuthorizedKeysFile ${path.join(dir, "authorized_keys")}`,
    // The temporary directory is root's; the user's own files are not what is being tested.
    "StrictModes no",
    "UsePAM no",
    "PasswordAuthentication yes",
    "KbdInteractiveAuthentication no",
    "PermitRootLogin no",
    `AllowUsers ${SSH_TEST_USER}`,
    "Subsystem sftp internal-sftp",
    "",
  ].join("\n");
  await writeFile(path.join(dir, "sshd_config"), config);
  // -D: stay in the foreground as our child; -e: log to stderr.
  const daemon = await startDaemon("sshd", "/usr/sbin/sshd", ["-D", "-e", "-f", path.join(dir, "sshd_config")], async () => (await firstBytes(port)).startsWith("SSH-"));
  const scratch = path.join(home, `scratch-${path.basename(dir)}`);
  await mkdir(scratch);
  await run("chown", [`${SSH_TEST_USER}:`, scratch]);
  return {
    port, user: SSH_TEST_USER, password, privateKey: await readFile(path.join(dir, "client_key"), "utf8"), hostKeyFingerprint: fingerprint, home: scratch,
    async stop() {
      await daemon.stop();
      await rm(dir, { recursive: true, force: true });
      await rm(scratch, { recursive: true, force: true });
    },
  };
}
