// Serves the Next.js app from a plain Node HTTP server, so one `vigil start` process runs the
// web app and the worker side by side, and every request gets an id and one log line.
import { randomUUID } from "node:crypto";
import http from "node:http";
import next from "next";
import { applyClientInfo, parseTrustedProxies } from "./forwarded";
import { withDbFaultStatus } from "./http/db-fault";
import { log } from "./log";
import { isPagePath, NON_PAGE_POLICY, securityHeaders } from "./security-headers";

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export async function startWebServer(opts: { port: number; dir: string; hostname?: string; trustedProxies?: string }): Promise<WebServer> {
  const proxies = parseTrustedProxies(opts.trustedProxies);
  const app = next({ dev: false, dir: opts.dir, port: opts.port, hostname: opts.hostname });
  const handle = app.getRequestHandler();
  await app.prepare();
  const httpLog = log.child({ component: "http" });
  const server = http.createServer((req, res) => {
    const incoming = req.headers["x-request-id"];
    const requestId = typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.headers["x-request-id"] = requestId;
    // Set by the server only (lib/forwarded.ts): sign-in rate limiting and Secure cookies trust
    // these, so a client cannot choose them unless it comes through a trusted proxy.
    applyClientInfo(req.headers, req.socket.remoteAddress ?? "", "encrypted" in req.socket ? "https" : "http", proxies);
    res.setHeader("x-request-id", requestId);
    // Responses that are not console pages get their security headers here rather than in
    // proxy.ts: a Next.js proxy buffers the request body (10 MB at most) before the route sees
    // it, which truncated vault uploads and made streaming them impossible.
    const path = (req.url ?? "").split("?")[0] ?? "";
    if (!isPagePath(path)) {
      const https = req.headers["x-vigil-client-proto"] === "https";
      for (const [name, value] of Object.entries(securityHeaders({ csp: NON_PAGE_POLICY, https }))) res.setHeader(name, value);
    }
    const started = performance.now();
    res.on("finish", () => {
      if (path.startsWith("/_next/static")) return;
      // A 5xx is the server's fault: error level, so it stands out from ordinary traffic.
      httpLog[res.statusCode >= 500 ? "error" : "info"]({
        requestId, method: req.method, path, status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
      }, "request");
    });
    withDbFaultStatus(res, () => handle(req, res)).catch((err: unknown) => {
      httpLog.error({ requestId, err }, "request failed");
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ failed: true, message: "internal error", request_id: requestId }));
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.hostname, resolve);
  });
  const url = `http://${opts.hostname ?? "localhost"}:${opts.port}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
