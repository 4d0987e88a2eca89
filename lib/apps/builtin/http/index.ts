// The HTTP app: the Splunk SOAR HTTP app's actions (get/post/put/patch/delete data, get headers,
// get options, test connectivity) with its configuration (base_url, token header or basic
// auth). Results carry SOAR's data paths: data.*.location, method, response_body,
// parsed_response_body, response_headers; summary.status_code, reason.
// Connection refused, 5xx and 429 throw TransientError so the runner retries them with backoff;
// every request carries the run's idempotency key so a retried or re-delivered run acts once.
import { STATUS_CODES } from "node:http";
import { failed, success, TransientError, type ActionHandler, type AppContext, type AppModule } from "../../sdk";
import { jsonObject } from "../params";
import { retryAfterMs } from "../service-call";

type Params = Record<string, unknown>;

function str(v: unknown): string {
  return v === undefined || v === null ? "" : String(v);
}

function buildUrl(config: AppContext["config"], location: string): string {
  const base = str(config.base_url).replace(/\/+$/, "");
  if (!base) throw new Error("the asset has no base_url");
  return `${base}/${location.replace(/^\/+/, "")}`;
}

/** Token header when a token is configured, else basic auth when a username is, else none. */
function authHeaders(config: AppContext["config"]): Record<string, string> {
  const token = str(config.auth_token);
  if (token) return { [str(config.auth_token_name) || "ph-auth-token"]: token };
  const username = str(config.username);
  if (username) return { authorization: `Basic ${Buffer.from(`${username}:${str(config.password)}`).toString("base64")}` };
  return {};
}

function connectionProblem(err: unknown, url: string, timeoutS: number | undefined): Error {
  const cause = (err as { cause?: { code?: string } })?.cause?.code ?? (err as { code?: string })?.code;
  const name = (err as Error)?.name;
  if (name === "TimeoutError") return new Error(`no response from ${url} within ${timeoutS} s (the asset's timeout)`);
  if (cause === "ECONNREFUSED") return new TransientError(`connection refused by ${url}`);
  if (cause === "ECONNRESET" || cause === "EPIPE") return new TransientError(`connection to ${url} was reset`);
  if (cause === "ENOTFOUND" || cause === "EAI_AGAIN") return new Error(`cannot resolve the host of ${url}`);
  if (typeof cause === "string" && /CERT|SSL|TLS/.test(cause)) return new Error(`TLS certificate of ${url} not accepted (${cause}); set verify_certificate to false to skip the check`);
  return err instanceof Error ? err : new Error(String(err));
}

async function request(ctx: AppContext, method: string, location: string, param: Params, opts: { body?: boolean; head?: boolean } = {}) {
  const url = buildUrl(ctx.config, location);
  const timeoutS = Number(ctx.config.timeout) > 0 ? Number(ctx.config.timeout) : undefined;
  const headers = { ...jsonObject(param.headers, "headers", '{"Accept": "application/json"}'), ...authHeaders(ctx.config), "idempotency-key": ctx.idempotencyKey };
  let res: Response;
  try {
    res = await ctx.fetch(url, {
      method,
      headers,
      body: opts.body && param.body !== undefined && param.body !== null ? str(param.body) : undefined,
      verifyCertificate: param.verify_certificate !== false,
      timeoutMs: timeoutS ? timeoutS * 1000 : undefined,
    });
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    throw connectionProblem(err, url, timeoutS);
  }
  const text = opts.head ? "" : await res.text();
  const reason = res.statusText || STATUS_CODES[res.status] || "";
  const summary = { status_code: res.status, reason };
  const where = `Status code: ${res.status}, Reason: ${reason}`;
  if (res.status >= 500 || res.status === 429) throw new TransientError(`${where} from ${url}`, retryAfterMs(res.headers.get("retry-after")));
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : text;
  } catch {
    /* not JSON: the text is the parsed body, as SOAR's HTTP app does for plain text */
  }
  const data = {
    location: url,
    method,
    ...(opts.head ? {} : { response_body: text, parsed_response_body: parsed }),
    response_headers: Object.fromEntries(res.headers.entries()),
  };
  if (res.status === 401 || res.status === 403) {
    return failed(`${where}: the server refused the asset's credentials (check auth_token, or username and password)`, [data], summary);
  }
  if (res.status >= 400) return failed(`${where}: ${text.slice(0, 200)}`, [data], summary);
  ctx.log.info(`${method} ${url}: ${res.status}`);
  return success(where, [data], summary);
}

function verb(method: string, opts: { body?: boolean; head?: boolean } = {}): ActionHandler {
  return (ctx, param) => request(ctx, method, str(param.location), param, opts);
}

const testConnectivity: ActionHandler = async (ctx) => {
  const method = str(ctx.config.test_http_method) || "GET";
  const result = await request(ctx, method, str(ctx.config.test_path), {}, { head: method === "HEAD" });
  return result.status === "success" ? { ...result, message: "Test Connectivity Passed" } : { ...result, message: `Test Connectivity Failed. ${result.message}` };
};

const app: AppModule = {
  actions: {
    test_connectivity: testConnectivity,
    http_get: verb("GET"),
    http_post: verb("POST", { body: true }),
    http_put: verb("PUT", { body: true }),
    http_patch: verb("PATCH", { body: true }),
    http_delete: verb("DELETE", { body: true }),
    http_head: verb("HEAD", { head: true }),
    http_options: verb("OPTIONS"),
  },
};
export default app;
