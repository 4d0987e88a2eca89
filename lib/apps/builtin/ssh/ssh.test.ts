// The SSH app against Debian's sshd on loopback (lib/testing/sshd.ts: a throwaway host key,
// authorized_keys and an unprivileged test user), checking on the host itself what each action
// did; and against servers that refuse, stay silent or speak something else.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TransientError } from "@/lib/apps/sdk";
import { rawServer as startRawServer } from "@/lib/testing/daemon";
import { freePort } from "@/lib/testing/ports";
import { SSH_TEST_USER, startSshd, type Sshd } from "@/lib/testing/sshd";
import { testContext } from "../app-test-context";
import app from "./index";

// Each action is a fresh SSH login (key exchange included): seconds on a loaded machine.
vi.setConfig({ testTimeout: 30_000 });

let sshd: Sshd;
const servers: { close(): void }[] = [];
const keyAuth = () => ({ ip_hostname: "127.0.0.1", port: sshd.port, username: sshd.user, private_key: sshd.privateKey, host_key_fingerprint: sshd.hostKeyFingerprint, timeout: 10 });
const pwAuth = () => ({ ip_hostname: "127.0.0.1", port: sshd.port, username: sshd.user, password: sshd.password, timeout: 10 });
const act = (action: string, param: Record<string, unknown>, config: Record<string, unknown> = keyAuth(), container?: number) =>
  app.actions[action]!(testContext(config, undefined, container), { ip_hostname: "127.0.0.1", ...param });

async function rawServer(onConnect?: (s: net.Socket) => void): Promise<number> {
  const server = await startRawServer(onConnect);
  servers.push(server);
  return server.port;
}

beforeAll(async () => {
  sshd = await startSshd();
});
afterAll(async () => {
  servers.forEach((s) => s.close());
  await sshd?.stop();
});

describe("commands", () => {
  it("execute program runs as the login user and returns output and exit status", async () => {
    const result = await act("ssh_execute_command", { command: "id -un; echo to-stderr >&2" });
    expect(result).toMatchObject({ status: "success", message: "Command successfully executed and shell returned no errors", summary: { exit_status: 0 } });
    expect(result.data[0]).toEqual({ output: `${SSH_TEST_USER}\n`, error: "to-stderr\n" });
    const bad = await act("ssh_execute_command", { command: "ls /no/such/dir" }, pwAuth());
    expect(bad).toMatchObject({ status: "failed", summary: { exit_status: 2 }, message: expect.stringMatching(/^Command failed with exit status 2: ls: cannot access '\/no\/such\/dir'/) });
  });

  it("execute program stops a command that outlives its timeout", async () => {
    const started = Date.now();
    expect(await act("ssh_execute_command", { command: "sleep 30", timeout: 1 })).toMatchObject({ status: "failed", message: "the command did not finish on 127.0.0.1:" + sshd.port + " within 1 s" });
    expect(Date.now() - started).toBeLessThan(8_000);
  });

  it("list processes finds a process the user started; terminate process kills it", async () => {
    // A process of the test user, started on the host outside the app.
    const sleeper = spawn("su", ["-s", "/bin/sh", "-c", "exec sleep 300", SSH_TEST_USER], { stdio: "ignore" });
    const exited = new Promise((resolve) => sleeper.once("exit", resolve));
    let mine: { pid: string; user: string; command: string } | undefined;
    for (let i = 0; i < 50 && !mine; i++) {
      const list = await act("ssh_list_processes", {});
      const processes = (list.data[0] as { processes: { pid: string; ppid: string; user: string; command: string }[] }).processes;
      expect(list.summary.total_processes).toBe(processes.length);
      mine = processes.find((p) => p.command === "sleep" && p.user === SSH_TEST_USER && p.ppid === String(sleeper.pid));
      if (!mine) await new Promise((r) => setTimeout(r, 100));
    }
    expect(mine).toBeDefined();
    const killed = await act("ssh_kill_process", { pid: Number(mine!.pid) });
    expect(killed).toMatchObject({ status: "success", data: [{ output: `Successfully terminated pid ${mine!.pid}` }] });
    await exited;
    expect(existsSync(`/proc/${mine!.pid}`)).toBe(false);
    // Someone else's process (this test's own, root's) cannot be killed by the test user.
    expect(await act("ssh_kill_process", { pid: process.pid })).toMatchObject({ status: "failed", message: expect.stringMatching(new RegExp(`^could not terminate pid ${process.pid}: .*not permitted`)) });
  });
});

describe("files", () => {
  it("get file puts the host's file into the container's vault", async () => {
    const file = path.join(sshd.home, "evidence.log");
    await writeFile(file, "suspicious line\n");
    const ctx = testContext(keyAuth(), undefined, 42);
    const result = await app.actions.ssh_get_file!(ctx, { ip_hostname: "127.0.0.1", file_path: file });
    expect(result).toMatchObject({ status: "success", message: "Transferred file", summary: { name: "evidence.log", size: 16 } });
    const stored = ctx.files.get(String(result.summary.vault_id));
    expect(stored).toMatchObject({ container: 42, name: "evidence.log" });
    expect(stored!.content.toString()).toBe("suspicious line\n");
    expect(await act("ssh_get_file", { file_path: "/no/such/file" }, keyAuth(), 42)).toMatchObject({ status: "failed", message: "/no/such/file: no such file on 127.0.0.1:" + sshd.port });
    expect(await act("ssh_get_file", { file_path: file })).toMatchObject({ status: "failed", message: expect.stringContaining("needs a container") });
  });

  it("put file writes a vault file into a directory under its name, or to a full path", async () => {
    const ctx = testContext(keyAuth(), undefined, 42);
    const { vault_id } = await ctx.vault.add(42, "block-list.txt", "203.0.113.9\n");
    const intoDir = await app.actions.ssh_put_file!(ctx, { ip_hostname: "127.0.0.1", vault_id, file_destination: sshd.home });
    expect(intoDir).toMatchObject({ status: "success", message: `File sent: ${sshd.home}/block-list.txt`, summary: { file_sent: `${sshd.home}/block-list.txt` } });
    expect(await readFile(path.join(sshd.home, "block-list.txt"), "utf8")).toBe("203.0.113.9\n");
    await app.actions.ssh_put_file!(ctx, { ip_hostname: "127.0.0.1", vault_id, file_destination: `${sshd.home}/renamed.txt` });
    expect(await readFile(path.join(sshd.home, "renamed.txt"), "utf8")).toBe("203.0.113.9\n");
    expect(await app.actions.ssh_put_file!(ctx, { ip_hostname: "127.0.0.1", vault_id, file_destination: "/root/" })).toMatchObject({ status: "failed", message: expect.stringMatching(/^\/root\/block-list\.txt: permission denied/) });
    expect(await act("ssh_put_file", { vault_id: "f".repeat(64), file_destination: "/tmp/" })).toMatchObject({ status: "failed", message: expect.stringContaining("no vault file") });
  });
});

describe("connection", () => {
  it("test connectivity logs in by key and by password", async () => {
    expect(await act("test_asset_connectivity", {})).toMatchObject({ status: "success", message: "Test Connectivity Passed" });
    expect(await act("test_asset_connectivity", {}, pwAuth())).toMatchObject({ status: "success" });
  });

  it("a host key other than the pinned one is refused before logging in", async () => {
    const pinned = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    expect(await act("ssh_execute_command", { command: "true" }, { ...keyAuth(), host_key_fingerprint: pinned })).toMatchObject({
      status: "failed",
      message: `the host key of 127.0.0.1:${sshd.port} is ${sshd.hostKeyFingerprint}, not the pinned ${pinned}: refusing to log in (a different server, or its key was changed)`,
    });
  });

  it("bad credentials are a failed result naming the user", async () => {
    expect(await act("ssh_execute_command", { command: "true" }, { ...pwAuth(), password: "wrong" })).toMatchObject({ status: "failed", message: `127.0.0.1:${sshd.port} refused the login of "${SSH_TEST_USER}" (password authentication): check the username, password or private key` });
  });

  it("a refused connection is a TransientError naming the server", async () => {
    const port = await freePort();
    await expect(act("ssh_execute_command", { command: "true" }, { ...keyAuth(), port })).rejects.toThrow(new TransientError(`connection refused by 127.0.0.1:${port}: is the server running and the port right?`));
  });

  it("a server that never answers times out after the asset's timeout", async () => {
    const port = await rawServer(() => {});
    const started = Date.now();
    await expect(act("ssh_execute_command", { command: "true" }, { ...keyAuth(), port, timeout: 1 })).rejects.toThrow(`no answer from 127.0.0.1:${port} within 1 s`);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("a server that speaks something else is a clear failure", async () => {
    const port = await rawServer((s) => s.end("HTTP/1.1 400 Bad Request\r\n\r\n"));
    await expect(act("ssh_execute_command", { command: "true" }, { ...keyAuth(), port, timeout: 3 })).rejects.toThrow(`127.0.0.1:${port} did not answer as an SSH server should`);
  });
});
