// Serves the Next.js app from a plain Node HTTP server, so one `vigil start` process runs the
// web app and the worker side by side, and every request gets an id and one log line.
import { randomUUID } from "node:crypto";
import http from "node:http";
import next from "next";
import { log } from "./log";

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export async function startWebServer(opts: { port: number; dir: string; hostname?: string }): Promise<WebServer> {
  const app = next({ dev: false, dir: opts.dir, port: opts.port, hostname: opts.hostname });
  const handle = app.getRequestHandler();
  await app.prepare();
  const httpLog = log.child({ component: "http" });
  const server = http.createServer((req, res) => {
    const incoming = req.headers["x-request-id"];
    const requestId = typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.headers["x-request-id"] = requestId;
    // Set by the server only: sign-in rate limiting trusts this, so a client cannot choose it.
    req.headers["x-vigil-client-address"] = req.socket.remoteAddress ?? "";
    res.setHeader("x-request-id", requestId);
    const started = performance.now();
    res.on("finish", () => {
      const path = (req.url ?? "").split("?")[0] ?? "";
      if (path.startsWith("/_next/static")) return;
      // A 5xx is the server's fault: error level, so it stands out from ordinary traffic.
      httpLog[res.statusCode >= 500 ? "error" : "info"]({
        requestId, method: req.method, path, status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
      }, "request");
    });
    handle(req, res).catch((err: unknown) => {
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
