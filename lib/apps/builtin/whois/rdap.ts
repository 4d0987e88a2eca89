// One RDAP query (RFC 9082 paths, RFC 9083 JSON) through the SDK's fetch, and what its failures
// mean to the job runner: 429 and 5xx and an unreachable or silent server are worth retrying
// (TransientError); 404, other 4xx and a body that is not RDAP JSON are permanent (RdapFailure).
import { TransientError, type AppContext } from "@/lib/apps/sdk";
import { retryAfterMs } from "../service-call";

export const DEFAULT_BASE_URL = "https://rdap.org";

/** A definite answer: retrying the same query will not change it. */
export class RdapFailure extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
  }
}

export type RdapObject = Record<string, unknown> & { objectClassName?: string };

function timeoutMs(config: AppContext["config"]): number {
  const seconds = Number(config.timeout ?? 30);
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : 30_000;
}

export function baseUrl(config: AppContext["config"]): URL {
  const raw = typeof config.rdap_base_url === "string" && config.rdap_base_url.trim() ? config.rdap_base_url.trim() : DEFAULT_BASE_URL;
  let url: URL;
  try {
    url = new URL(raw.endsWith("/") ? raw : `${raw}/`);
  } catch {
    throw new RdapFailure(`rdap_base_url "${raw}" is not a URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new RdapFailure(`rdap_base_url "${raw}" is not an http(s) URL`);
  return url;
}

/** The RDAP error object's title and description (RFC 9083 section 6), if the body has one. */
function errorText(body: string): string {
  try {
    const error = JSON.parse(body) as { title?: unknown; description?: unknown };
    const parts = [error.title, ...(Array.isArray(error.description) ? error.description : [])];
    return parts.filter((p) => typeof p === "string" && p).join(": ");
  } catch {
    return "";
  }
}

/** GETs `path` (relative to the base URL, e.g. `domain/example.com`) and returns its RDAP object. */
export async function rdapQuery(ctx: AppContext, path: string): Promise<RdapObject> {
  const url = new URL(path, baseUrl(ctx.config));
  const limit = timeoutMs(ctx.config);
  let response: Response;
  let body: string;
  try {
    response = await ctx.fetch(url, {
      headers: { accept: "application/rdap+json, application/json" },
      signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(limit)]),
    });
    body = await response.text();
  } catch (error) {
    const name = (error as Error).name;
    if (name === "TimeoutError") throw new TransientError(`${url.origin} did not answer within ${limit / 1000} s`);
    if (name === "AbortError") throw new TransientError(`The RDAP query to ${url.origin} was cancelled`);
    // Node's http client puts the code on the error itself, undici's fetch on its cause.
    const { code, cause } = error as { code?: string; cause?: { code?: string; message?: string } };
    throw new TransientError(`Cannot reach ${url.origin}: ${code ?? cause?.code ?? cause?.message ?? (error as Error).message}`);
  }
  const detail = errorText(body);
  if (response.status === 404) throw new RdapFailure(`not found${detail ? ` (${detail})` : ""}`, 404);
  if (response.status === 429) {
    throw new TransientError(`${url.origin} is rate limiting queries (429)`, retryAfterMs(response.headers.get("retry-after")));
  }
  if (response.status >= 500) throw new TransientError(`${url.origin} answered ${response.status}${detail ? `: ${detail}` : ""}`);
  if (!response.ok) throw new RdapFailure(`${url.origin} refused the query with ${response.status}${detail ? `: ${detail}` : ""}`, response.status);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new RdapFailure(`${url.origin} answered with a body that is not JSON (${(error as Error).message})`);
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new RdapFailure(`${url.origin} answered with JSON that is not an RDAP object`);
  }
  return parsed as RdapObject;
}
