// The wrapper every /rest route goes through: authentication (`ph-auth-token` or HTTP Basic),
// the permission matrix, body and parameter parsing helpers, and errors shaped as Phantom does
// ({failed: true, message}) with the status their kind maps to. A client mistake is a 4xx,
// never a 500.
import { can, type Permission } from "../auth/permissions";
import type { Actor } from "../domain/actor";
import { DomainError, HTTP_STATUS } from "../domain/errors";
import { pgCode } from "../domain/transactions";
import { DATABASE_DISK_FULL, IN_REQUEST_RETRY_MS, pause, retryAfterSeconds, transientKind, transientMessage } from "../db/transient";
import { ListTimeout, type ListQuery } from "../domain/list-query";
import { log } from "../log";
import { idParam } from "../schemas/common";
import { authenticateRest, type Caller } from "./auth";
import { readJson, restMaxBodyBytes, validate } from "./body";
import { parseListQuery } from "./filters";
import { REST_HEADERS } from "./shapes";
import type { z } from "zod";

type Params = Record<string, string | string[] | undefined>;

export interface RestContext {
  caller: Caller;
  actor: Actor;
  request: Request;
  url: URL;
  /** A path parameter as text (e.g. the field of /rest/container/<id>/<field>). */
  param(name: string): string;
  /** The numeric path parameter `name` (default "id"), or a 404 when it is not a number. */
  id(name?: string): number;
  /** The JSON body validated with `schema`. */
  body<S extends z.ZodType>(schema: S): Promise<z.output<S>>;
  /** The raw JSON body, for routes that pick a schema by its shape. */
  json(): Promise<unknown>;
  list(): ListQuery;
}

type Handler = (ctx: RestContext) => Promise<Response | unknown>;

export interface RestOptions {
  /** Body limit in bytes; defaults to VIGIL_REST_MAX_BODY_MB. */
  maxBody?: number;
}

export function restError(status: number, message: string, extra: Record<string, unknown> = {}): Response {
  return Response.json({ failed: true, message, ...extra }, { status });
}

/** A refusal that carries extra fields in its body (Phantom's existing_container_id ...). */
export class RestRefusal extends Error {
  constructor(readonly status: number, message: string, readonly extra: Record<string, unknown>) {
    super(message);
  }
}

// Pool exhaustion and transaction timeouts: the server is busy, the client may retry.
const BUSY_PRISMA_CODES = new Set(["P2024", "P2028", "P2034"]);

export function withRest(permission: Permission, handler: Handler, opts: RestOptions = {}) {
  return async (request: Request, route?: { params?: Promise<Params> }): Promise<Response> => {
    try {
      const auth = await authenticateRest(request);
      if (!auth.ok) {
        const refused = restError(auth.status, auth.message);
        if (auth.retryAfterSeconds) refused.headers.set("retry-after", String(auth.retryAfterSeconds));
        return refused;
      }
      const { caller } = auth;
      if (!can(caller.role, permission)) return restError(403, `the ${caller.role} role may not do this (needs ${permission})`);
      const params = (await route?.params) ?? {};
      const url = new URL(request.url);
      let body: Promise<unknown> | undefined;
      const json = () => (body ??= readJson(request, opts.maxBody ?? restMaxBodyBytes()));
      const ctx: RestContext = {
        caller,
        actor: { id: caller.userId, name: caller.username, role: caller.role },
        request,
        url,
        id: (name = "id") => {
          const parsed = idParam.safeParse(params[name]);
          if (!parsed.success) throw new DomainError("not_found", `no such ${name === "id" ? "object" : name}: "${String(params[name])}" is not an id`);
          return parsed.data;
        },
        param: (name) => String(params[name] ?? ""),
        json,
        body: async (schema) => validate(schema, await json()),
        list: () => parseListQuery(url.searchParams),
      };
      // A read that met a restarting or cut-off database is run once more before answering 503;
      // writes are not (a create carrying a source_data_identifier retries inside its domain
      // function, which can tell its own first attempt from someone else's container).
      const reads = request.method === "GET" || request.method === "HEAD";
      const result = await handler(ctx).catch(async (err: unknown) => {
        // Not after a timeout: the same statement would wait as long again.
        const kind = transientKind(err);
        if (!reads || !kind || kind === "slow") throw err;
        await pause(IN_REQUEST_RETRY_MS);
        return handler(ctx);
      });
      if (result instanceof Response) return result;
      const headers: Record<string, string> = (result as { [REST_HEADERS]?: Record<string, string> } | null)?.[REST_HEADERS] ?? {};
      // Phantom's `?pretty` indents the JSON; every other answer is compact.
      if (url.searchParams.has("pretty")) {
        return new Response(JSON.stringify(result, null, 2), { headers: { ...headers, "content-type": "application/json" } });
      }
      return Response.json(result, { headers });
    } catch (err) {
      if (err instanceof DomainError) return restError(HTTP_STATUS[err.kind], err.message);
      if (err instanceof RestRefusal) return restError(err.status, err.message, err.extra);
      if (pgCode(err) === "53100") {
        return Response.json({ failed: true, message: DATABASE_DISK_FULL }, { status: 507, headers: { "retry-after": "30" } });
      }
      if (err instanceof ListTimeout) {
        return Response.json({ failed: true, message: err.message }, { status: 503, headers: { "retry-after": "5" } });
      }
      const transient = transientKind(err);
      if (transient) {
        const write = request.method !== "GET" && request.method !== "HEAD";
        log.warn({ pgCode: pgCode(err), kind: transient, requestId: request.headers.get("x-request-id"), err: (err as Error)?.message }, "REST request met a database fault: answered 503");
        return Response.json({ failed: true, message: transientMessage(transient, write) }, { status: 503, headers: { "retry-after": String(retryAfterSeconds(transient)) } });
      }
      const code = (err as { code?: unknown })?.code;
      if (typeof code === "string" && BUSY_PRISMA_CODES.has(code)) {
        return Response.json({ failed: true, message: "the server is busy: retry shortly" }, { status: 503, headers: { "retry-after": "1" } });
      }
      log.error({ err, pgCode: pgCode(err), requestId: request.headers.get("x-request-id") }, "REST handler failed");
      return restError(500, "internal error");
    }
  };
}
