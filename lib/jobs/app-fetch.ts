// The fetch an app's code gets (AppContext.fetch), over node:http(s) so TLS verification can be
// switched off per request. Used by the app child process, and by unit tests of built-in apps so
// they exercise the same client the apps run with.
import http from "node:http";
import https from "node:https";
import type { AppFetchInit } from "../apps/sdk";

/** fetch over node:http(s), so TLS verification can be switched off per request. */
export function appFetch(runSignal: AbortSignal, url: string | URL, init: AppFetchInit = {}): Promise<Response> {
  const target = new URL(url);
  if (target.protocol !== "http:" && target.protocol !== "https:") return Promise.reject(new Error(`unsupported URL scheme ${target.protocol}`));
  const signals = [runSignal, ...(init.signal ? [init.signal] : []), ...(init.timeoutMs ? [AbortSignal.timeout(init.timeoutMs)] : [])];
  const signal = AbortSignal.any(signals);
  const lib = target.protocol === "https:" ? https : http;
  const headers: Record<string, string | number> = Array.isArray(init.headers) ? Object.fromEntries(init.headers) : { ...(init.headers ?? {}) };
  // A declared length, not chunked encoding: some servers refuse chunked bodies on DELETE.
  if (init.body !== undefined && !Object.keys(headers).some((k) => k.toLowerCase() === "content-length")) headers["content-length"] = Buffer.byteLength(init.body);
  return new Promise((resolve, reject) => {
    const req = lib.request(target, { method: init.method ?? "GET", headers, signal, rejectUnauthorized: init.verifyCertificate !== false, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const status = res.statusCode ?? 0;
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(", ") : v);
        const nullBody = [101, 204, 205, 304].includes(status) || (init.method ?? "GET").toUpperCase() === "HEAD";
        try {
          resolve(new Response(nullBody ? null : Buffer.concat(chunks), { status: status >= 200 && status <= 599 ? status : 500, statusText: res.statusMessage ?? "", headers: h }));
        } catch (err) {
          reject(err);
        }
      });
    });
    req.on("error", (err) => reject(signal.aborted && signal.reason instanceof Error ? Object.assign(signal.reason, { cause: err }) : err));
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}
