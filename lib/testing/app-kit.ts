// Test helpers for apps that are not built in: an app folder written into the data directory of
// the test's `vigil start` and registered as installed (so that worker runs it in a child
// process), a forward proxy on loopback speaking HTTP proxying and CONNECT, and a self-signed
// certificate made with openssl for a TLS server.
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { Prisma } from "@prisma/client";
import { db } from "../db/client";
import { installedAppsDir } from "../apps/registry";
import type { TestServer } from "./action-kit";

/** Writes `manifest` and `code` (index.js) as an installed app and registers it, enabled. */
export async function installTestApp(manifest: Record<string, unknown>, code: string): Promise<{ id: number; directory: string }> {
  const directory = `test-${String(manifest.appid)}`;
  const folder = path.join(installedAppsDir(), directory);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, "manifest.json"), JSON.stringify(manifest));
  await writeFile(path.join(folder, "index.js"), code);
  const app = await db.app.create({
    data: {
      directory, builtin: false, appid: String(manifest.appid), name: String(manifest.name), appVersion: String(manifest.app_version),
      productVendor: String(manifest.product_vendor), productName: String(manifest.product_name), manifest: manifest as Prisma.InputJsonObject,
    },
  });
  return { id: app.id, directory };
}

export interface TestProxy extends TestServer {
  /** Requests the proxy forwarded: "GET http://..." or "CONNECT host:port". */
  readonly seen: string[];
  /** The Proxy-Authorization headers it received. */
  readonly auth: (string | undefined)[];
}

/** A forward proxy: absolute-URI requests for http:// and CONNECT tunnels for https://. */
export async function startProxy(): Promise<TestProxy> {
  const seen: string[] = [];
  const auth: (string | undefined)[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    auth.push(req.headers["proxy-authorization"]);
    const target = new URL(req.url!);
    const headers = { ...req.headers };
    delete headers["proxy-authorization"];
    const upstream = http.request(target, { method: req.method, headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, { ...up.headers, "x-via-test-proxy": "1" });
      up.pipe(res);
    });
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  const tunnels = new Set<net.Socket>();
  server.on("connect", (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    tunnels.add(client);
    client.on("close", () => tunnels.delete(client));
    seen.push(`CONNECT ${req.url}`);
    auth.push(req.headers["proxy-authorization"]);
    const [host, port] = req.url!.split(":");
    const upstream = net.connect(Number(port), host!, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`, port, seen, auth,
    close: () => new Promise<void>((resolve) => {
      // Tunnelled sockets are no longer the HTTP server's to close.
      for (const t of tunnels) t.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A throwaway self-signed certificate for 127.0.0.1 (openssl, as .ci/run installs it). */
export async function selfSignedCert(): Promise<{ key: string; cert: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "vigil-cert-"));
  const [key, cert] = [path.join(dir, "key.pem"), path.join(dir, "cert.pem")];
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"], { stdio: "ignore" });
  return { key: await readFile(key, "utf8"), cert: await readFile(cert, "utf8") };
}
