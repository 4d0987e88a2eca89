// One call to a JSON-over-HTTP service (VirusTotal, AbuseIPDB, Slack, Splunk, an LLM, ...) through
// the SDK's fetch, and what its failures mean to the job runner, in one place for every app:
// - refused or reset connections, 5xx and 429 are worth retrying: TransientError, with the
//   server's Retry-After honoured (rate limits are respected by waiting, not by hammering);
// - refused credentials (401/403), other 4xx, a silent server past the asset's timeout and an
//   answer that is not the JSON the service documents are definite: ServiceFailure, which
//   `serviceAction` turns into a failed result carrying the message.
import { setTimeout as sleep } from "node:timers/promises";
import { failed, success, TransientError, type ActionHandler, type ActionResult, type AppContext } from "@/lib/apps/sdk";
import { failingOn } from "./permanent";

/** A definite answer: retrying the same call will not change it. */
export class ServiceFailure extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = "ServiceFailure";
  }
}

export interface Service {
  /** Named in every message: "VirusTotal refused the API key ...". */
  name: string;
  baseUrl: string;
  /** Authentication and fixed headers, sent with every call. */
  headers?: Record<string, string>;
  /** Seconds to wait for an answer (the asset's `timeout`); the run's own deadline applies too. */
  timeoutS?: number;
  /** What to check when credentials are refused, e.g. "the asset's apikey". */
  credentials?: string;
  /** The service's own error text in an error body ({"error": {"message": ...}} and the like). */
  errorText?: (body: unknown) => string | undefined;
  verifyCertificate?: boolean;
}

export interface ServiceRequest {
  method?: string;
  /** Relative to the base URL ("api/v3/ip_addresses/8.8.8.8") or absolute. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  json?: unknown;
  form?: Record<string, string | number | boolean | undefined>;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  /** "json" (default) parses the body and refuses anything else; "text" keeps it as text. */
  expect?: "json" | "text";
  /** Statuses handed back to the caller instead of failing (404 "not found" answers and the like). */
  allow?: number[];
}

export interface ServiceResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** Seconds or an HTTP date in a Retry-After header, as milliseconds. */
export function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

export function configText(config: AppContext["config"], key: string, fallback = ""): string {
  const value = config[key];
  return typeof value === "string" && value.trim() ? value.trim() : typeof value === "number" ? String(value) : fallback;
}

export function configNumber(config: AppContext["config"], key: string, fallback: number): number {
  const value = Number(config[key]);
  return config[key] !== undefined && config[key] !== "" && Number.isFinite(value) && value > 0 ? value : fallback;
}

/** A configured secret, or a ServiceFailure naming the field when it is missing. */
export function requiredSecret(config: AppContext["config"], key: string, service: string): string {
  const value = configText(config, key);
  if (!value) throw new ServiceFailure(`the asset has no ${key}: set the ${service} API key in the asset's configuration`);
  return value;
}

function urlOf(service: Service, request: ServiceRequest): URL {
  let url: URL;
  try {
    url = new URL(request.path, service.baseUrl.endsWith("/") ? service.baseUrl : `${service.baseUrl}/`);
  } catch {
    throw new ServiceFailure(`${service.name}: the base URL "${service.baseUrl}" is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new ServiceFailure(`${service.name}: the base URL "${service.baseUrl}" is not an http(s) URL`);
  for (const [k, v] of Object.entries(request.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  return url;
}

function encodeBody(request: ServiceRequest): { body?: string | Uint8Array; type?: string } {
  if (request.json !== undefined) return { body: JSON.stringify(request.json), type: "application/json" };
  if (request.form) {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(request.form)) if (v !== undefined) form.set(k, String(v));
    return { body: form.toString(), type: "application/x-www-form-urlencoded" };
  }
  return { body: request.body };
}

function unreachable(service: Service, url: URL, error: unknown, timeoutS: number | undefined): Error {
  const name = (error as Error)?.name;
  if (name === "TimeoutError") return new ServiceFailure(`${service.name} at ${url.origin} did not answer within ${timeoutS} s (the asset's timeout)`);
  // Node's http client puts the code on the error itself, undici's fetch on its cause.
  const { code, cause } = error as { code?: string; cause?: { code?: string } };
  const why = code ?? cause?.code;
  if (why === "ECONNREFUSED") return new TransientError(`${service.name} at ${url.origin} refused the connection`);
  if (why === "ECONNRESET" || why === "EPIPE" || why === "ETIMEDOUT" || why === "EHOSTUNREACH" || why === "ENETUNREACH") {
    return new TransientError(`cannot reach ${service.name} at ${url.origin} (${why})`);
  }
  if (why === "ENOTFOUND" || why === "EAI_AGAIN") return new TransientError(`cannot resolve the host of ${service.name} (${url.host})`);
  if (typeof why === "string" && /CERT|SSL|TLS/.test(why)) return new ServiceFailure(`the TLS certificate of ${service.name} at ${url.origin} was not accepted (${why})`);
  return new TransientError(`cannot reach ${service.name} at ${url.origin}: ${(error as Error)?.message ?? String(error)}`);
}

/** Makes one call; see the file comment for what each failure becomes. */
export async function callService<T = unknown>(ctx: AppContext, service: Service, request: ServiceRequest): Promise<ServiceResponse<T>> {
  const url = urlOf(service, request);
  const { body, type } = encodeBody(request);
  const timeoutS = service.timeoutS;
  const headers = { accept: "application/json", ...(type ? { "content-type": type } : {}), ...service.headers, ...request.headers };
  let response: Response;
  let text: string;
  try {
    response = await ctx.fetch(url, {
      method: request.method ?? (body === undefined ? "GET" : "POST"),
      headers,
      body,
      timeoutMs: timeoutS ? timeoutS * 1000 : undefined,
      verifyCertificate: service.verifyCertificate,
    });
    text = await response.text();
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    throw unreachable(service, url, error, timeoutS);
  }
  let parsed: unknown = text;
  let notJson: string | undefined;
  if (request.expect !== "text") {
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      notJson = (error as Error).message;
    }
  }
  const status = response.status;
  const said = notJson === undefined ? service.errorText?.(parsed)?.replace(/\.$/, "") : undefined;
  const plain = request.expect === "text" || notJson !== undefined;
  const detail = said ? `: ${said}` : plain && text ? `: ${text.slice(0, 200)}` : "";
  if (request.allow?.includes(status)) return { status, headers: response.headers, body: parsed as T, text };
  if (status === 429) {
    throw new TransientError(`${service.name} is rate limiting this API key (429)${detail}`, retryAfterMs(response.headers.get("retry-after")));
  }
  if (status >= 500) throw new TransientError(`${service.name} answered ${status}${detail}`, retryAfterMs(response.headers.get("retry-after")));
  if (status === 401 || status === 403) {
    throw new ServiceFailure(`${service.name} refused the credentials (${status})${detail}; check ${service.credentials ?? "the asset's credentials"}`, status);
  }
  if (status >= 400) throw new ServiceFailure(`${service.name} refused the request with ${status}${detail}`, status);
  if (notJson !== undefined) throw new ServiceFailure(`${service.name} answered with a body that is not JSON (${notJson}): ${text.slice(0, 100)}`);
  return { status, headers: response.headers, body: parsed as T, text };
}

/** An action handler whose ServiceFailure is a failed result; transient trouble is retried. */
export function serviceAction(run: ActionHandler): ActionHandler {
  const guarded = failingOn(ServiceFailure);
  return (ctx, parameter) => guarded(() => run(ctx, parameter));
}

/** SOAR's test connectivity: one cheap call, "Test Connectivity Passed" or "... Failed. <why>". */
export function connectivityTest(probe: (ctx: AppContext) => Promise<unknown>): ActionHandler {
  return async (ctx): Promise<ActionResult> => {
    try {
      await probe(ctx);
      return success("Test Connectivity Passed");
    } catch (error) {
      return failed(`Test Connectivity Failed. ${(error as Error).message}`);
    }
  };
}

/** An object at `value`, or a ServiceFailure saying the answer was not the documented shape. */
export function objectAt(value: unknown, service: string, what: string): Record<string, unknown> {
  if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new ServiceFailure(`${service} answered without ${what}; the answer is not the documented JSON`);
}

/**
 * Reads `read` until `done` says so or `limitMs` has passed, returning the last reading. Waits
 * back off from 1 s to 30 s, so a quick job is read quickly and a slow one costs few requests.
 */
export async function pollUntil<T>(ctx: AppContext, what: string, read: () => Promise<T>, done: (value: T) => boolean, limitMs: number): Promise<T> {
  const deadline = Date.now() + limitMs;
  let delay = 1000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() + delay > deadline) return value;
    ctx.log.debug(`${what} is not finished; reading it again in ${delay / 1000} s`);
    await sleep(delay, undefined, { signal: ctx.signal });
    delay = Math.min(delay * 2, 30_000);
  }
}
