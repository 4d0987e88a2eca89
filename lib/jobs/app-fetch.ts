// The fetch an app's code gets (AppContext.fetch), over node:http(s) so TLS verification can be
// switched off per request and requests can go through the asset's proxy (http-proxy-agent for
// http:// targets, https-proxy-agent's CONNECT tunnel for https:// ones). Used by the app child
// process, and by unit tests of built-in apps so they exercise the same client the apps run with.
import http from "node:http";
import https from "node:https";
import { HttpProxyAgent } from "http-proxy-agent";
import { HttpsProxyAgent } from "https-proxy-agent";
import { HTTP_CONFIG_FIELDS, type AppContext, type AppFetchInit } from "../apps/sdk";

export interface FetchOptions extends AppFetchInit {
  /** An http:// or https:// proxy URL (credentials in it become Proxy-Authorization). */
  proxy?: string;
}

/** A proxy URL from an asset's configuration, checked; undefined when none is set. */
export function proxyOf(config: Readonly<Record<string, unknown>>): string | undefined {
  const raw = config[HTTP_CONFIG_FIELDS.proxy];
  if (raw === undefined || raw === null || raw === "") return undefined;
  let url: URL;
  try {
    url = new URL(String(raw));
  } catch {
    throw new Error(`${HTTP_CONFIG_FIELDS.proxy}: not a URL (expected e.g. http://proxy.example:3128)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`${HTTP_CONFIG_FIELDS.proxy}: expected an http:// or https:// proxy, not ${url.protocol}`);
  return url.href;
}

/** Whether the asset's configuration asks for TLS certificates to be checked (the default). */
export function verifiesTls(config: Readonly<Record<string, unknown>>): boolean {
  return config[HTTP_CONFIG_FIELDS.verifyTls] !== false && config[HTTP_CONFIG_FIELDS.verifyServerCert] !== false;
}

/**
 * AppContext.fetch for one run: the asset's proxy and TLS settings, and a timeout never past
 * the run's `deadline` (epoch ms). The proxy is read per request, so a bad proxy_url fails the
 * request that would use it, naming the field.
 */
export function assetFetch(config: Readonly<Record<string, unknown>>, runSignal: AbortSignal, deadline: number): AppContext["fetch"] {
  return async (url, init = {}) => {
    const proxy = proxyOf(config);
    const remaining = Math.max(1, deadline - Date.now());
    return appFetch(runSignal, url, { verifyCertificate: verifiesTls(config), ...init, proxy, timeoutMs: Math.min(init.timeoutMs ?? remaining, remaining) });
  };
}

/** fetch over node:http(s), so TLS verification can be switched off per request. */
export function appFetch(runSignal: AbortSignal, url: string | URL, init: FetchOptions = {}): Promise<Response> {
  const target = new URL(url);
  if (target.protocol !== "http:" && target.protocol !== "https:") return Promise.reject(new Error(`unsupported URL scheme ${target.protocol}`));
  const rejectUnauthorized = init.verifyCertificate !== false;
  // A fresh agent per request, as without a proxy (agent: false): a pooled connection must never
  // carry one asset's proxy credentials into another asset's request.
  const agent = !init.proxy ? false : target.protocol === "https:" ? new HttpsProxyAgent(init.proxy, { rejectUnauthorized }) : new HttpProxyAgent(init.proxy);
  const signals = [runSignal, ...(init.signal ? [init.signal] : []), ...(init.timeoutMs ? [AbortSignal.timeout(init.timeoutMs)] : [])];
  const signal = AbortSignal.any(signals);
  const lib = target.protocol === "https:" ? https : http;
  const headers: Record<string, string | number> = Array.isArray(init.headers) ? Object.fromEntries(init.headers) : { ...(init.headers ?? {}) };
  // A declared length, not chunked encoding: some servers refuse chunked bodies on DELETE.
  if (init.body !== undefined && !Object.keys(headers).some((k) => k.toLowerCase() === "content-length")) headers["content-length"] = Buffer.byteLength(init.body);
  return new Promise((resolve, reject) => {
    const req = lib.request(target, { method: init.method ?? "GET", headers, signal, rejectUnauthorized, agent }, (res) => {
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
