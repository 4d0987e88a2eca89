// phantom.requests: a SOAR playbook's HTTP client "already authenticated to the platform's own REST
// API" (SOAR-PLAYBOOKS.md §3.3). The sandbox has no network; its request is a host call, and the
// engine performs it here as loopback HTTP to the running Vigil with a short-lived run token
// (lib/rest/run-token.ts) for the run's user.
//
// Why HTTP rather than calling the route handlers in-process: the handlers are Next.js route
// modules (app/rest/...), which lib/ must not import, and going through the server keeps every
// check a REST client meets (authentication, the permission matrix, body limits, the audit of
// writes) exactly the same for a playbook. The engine's thread is free while Python waits on
// its host call, so the server answering in the same process is no deadlock.
//
// Anything but Vigil's own /rest/ API is refused: another host, another scheme, a path outside
// /rest/. Redirects are not followed (one could lead elsewhere).
import { db } from "../../db/client";
import { AUTOMATION_USERNAME } from "../../domain/users";
import { mintRunToken } from "../../rest/run-token";

const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
const TIMEOUT_MS = 30_000;

export interface RestRequest { method: string; url: string; params?: Record<string, unknown> | null; json?: unknown; data?: unknown; headers?: Record<string, string> | null }
export interface RestResponse { status_code: number; text: string; headers: Record<string, string>; url: string }

/** The user a run acts as: who started it, or for a child run who started its root run. */
export async function runUser(startedBy: string): Promise<{ userId: number | null; username: string }> {
  let who = startedBy;
  for (let hops = 0, m = /^playbook run (\d+)$/.exec(who); m && hops < 50; hops++, m = /^playbook run (\d+)$/.exec(who)) {
    const parent = await db.playbookRun.findUnique({ where: { id: Number(m[1]) }, select: { startedBy: true } });
    if (!parent) break;
    who = parent.startedBy;
  }
  const user = await db.user.findUnique({ where: { username: who }, select: { id: true, username: true } });
  if (user) return { userId: user.id, username: user.username };
  // Triggered and scheduled runs (and runs started by a system actor) have no user: they act as
  // SOAR's automation user (a row since migration 20261205100000), with its role's permissions.
  // Without that row (removed by hand) they act under its name with the automation role.
  const automation = await db.user.findUnique({ where: { username: AUTOMATION_USERNAME }, select: { id: true, username: true } });
  return automation ? { userId: automation.id, username: automation.username } : { userId: null, username: AUTOMATION_USERNAME };
}

/** Where the engine reaches its own server: VIGIL_INTERNAL_URL, else loopback on PORT. */
export const internalUrl = () => process.env.VIGIL_INTERNAL_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;

/**
 * Resolves `url` (absolute, as build_phantom_rest_url makes it, or a bare /rest/ path) against
 * the run's base URL and sends it to the internal one; refuses anything outside Vigil's REST API.
 */
export function restTarget(baseUrl: string, url: string, internal = internalUrl()): URL {
  const base = new URL(baseUrl);
  const inside = new URL(internal);
  let target: URL;
  try {
    target = new URL(url, base);
  } catch {
    throw new Error(`phantom.requests: "${url}" is not a URL`);
  }
  if (target.origin !== base.origin && target.origin !== inside.origin) {
    throw new Error(`phantom.requests reaches only Vigil's own REST API (${base.origin}/rest/...), not ${target.origin}`);
  }
  if (!target.pathname.startsWith("/rest/")) throw new Error(`phantom.requests reaches only Vigil's REST API under /rest/, not ${target.pathname}`);
  return new URL(target.pathname + target.search, inside);
}

export function restBridge(run: { id: number; startedBy: string; baseUrl: string }) {
  let token: { value: string; until: number } | null = null;
  return async (req: RestRequest): Promise<RestResponse> => {
    const method = String(req.method || "GET").toUpperCase();
    if (!["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"].includes(method)) throw new Error(`phantom.requests: method ${method} is not supported`);
    const target = restTarget(run.baseUrl, String(req.url ?? ""));
    for (const [k, v] of Object.entries(req.params ?? {})) {
      for (const item of Array.isArray(v) ? v : [v]) if (item !== null && item !== undefined) target.searchParams.append(k, String(item));
    }
    if (!token || token.until < Date.now()) {
      token = { value: mintRunToken({ ...(await runUser(run.startedBy)), runId: run.id }), until: Date.now() + 60_000 };
    }
    const headers: Record<string, string> = {};
    // The playbook's own auth headers are dropped: it acts as its run's user and nobody else.
    for (const [k, v] of Object.entries(req.headers ?? {})) if (!/^(ph-auth-token|authorization|cookie|host)$/i.test(k)) headers[k.toLowerCase()] = String(v);
    let body: string | undefined;
    if (req.json !== undefined && req.json !== null) {
      body = JSON.stringify(req.json);
      headers["content-type"] ??= "application/json";
    } else if (req.data !== undefined && req.data !== null) {
      body = typeof req.data === "string" ? req.data : JSON.stringify(req.data);
    }
    const res = await fetch(target, {
      method, body: method === "GET" || method === "HEAD" ? undefined : body, redirect: "manual",
      headers: { ...headers, "ph-auth-token": token.value }, signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const buf = Buffer.from(await res.arrayBuffer());
    if (buf.length > MAX_RESPONSE_BYTES) throw new Error(`phantom.requests: the answer of ${target.pathname} is larger than ${MAX_RESPONSE_BYTES >> 20} MB`);
    return { status_code: res.status, text: buf.toString("utf8"), headers: Object.fromEntries(res.headers), url: target.toString() };
  };
}
