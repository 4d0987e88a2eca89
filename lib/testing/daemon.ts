// Running a real server binary (slapd, sshd, dovecot) as a test's child process: started in the
// foreground, waited for until `ready` says it serves, stopped with SIGTERM. Also a raw TCP
// server for failure tests: one that accepts and says nothing, or says the wrong thing.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

export interface Daemon {
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startDaemon(name: string, command: string, args: string[], ready: () => Promise<boolean>, timeoutMs = 15_000): Promise<Daemon> {
  const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}: ${stderr}`);
    if (await ready()) return { child, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} was not ready within ${timeoutMs} ms: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Connects to 127.0.0.1:`port`; resolves with the first bytes the server sends ("" when it closes or refuses). */
export function firstBytes(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("data", (d) => (socket.destroy(), resolve(d.toString())));
    socket.once("connect", () => setTimeout(() => (socket.destroy(), resolve("")), 1000).unref());
    socket.on("error", () => resolve(""));
    socket.on("close", () => resolve(""));
  });
}

/** Whether something accepts connections on 127.0.0.1:`port`. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1", () => (socket.end(), resolve(true)));
    socket.on("error", () => resolve(false));
  });
}

/** A TCP server on loopback that hands each connection to `onConnect` (nothing: a server that never answers). */
export async function rawServer(onConnect: (socket: net.Socket) => void = () => {}): Promise<{ port: number; close(): void }> {
  const server = net.createServer((s) => (s.on("error", () => {}), onConnect(s)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const sockets = new Set<net.Socket>();
  server.on("connection", (s) => (sockets.add(s), s.on("close", () => sockets.delete(s))));
  return { port: (server.address() as net.AddressInfo).port, close: () => (sockets.forEach((s) => s.destroy()), server.close()) };
}
