// The wrapper every /rest route goes through: authenticates the `ph-auth-token` header,
// applies the permission matrix, and shapes errors as Phantom does ({failed, message}).
import { can, type Permission } from "../auth/permissions";
import { authenticateApiToken, type TokenIdentity } from "../domain/api-tokens";
import { DomainError, HTTP_STATUS } from "../domain/errors";
import { log } from "../log";

export interface RestContext {
  caller: TokenIdentity;
  request: Request;
}

type Handler = (ctx: RestContext) => Promise<Response | unknown>;

export function restError(status: number, message: string): Response {
  return Response.json({ failed: true, message }, { status });
}

export function withRest(permission: Permission, handler: Handler) {
  return async (request: Request): Promise<Response> => {
    const token = request.headers.get("ph-auth-token");
    if (!token) return restError(401, "authentication required: send an API token in the ph-auth-token header");
    const caller = await authenticateApiToken(token);
    if (!caller) return restError(401, "invalid or revoked API token");
    if (!can(caller.role, permission)) return restError(403, `the ${caller.role} role may not do this (needs ${permission})`);
    try {
      const result = await handler({ caller, request });
      return result instanceof Response ? result : Response.json(result);
    } catch (err) {
      if (err instanceof DomainError) return restError(HTTP_STATUS[err.kind], err.message);
      log.error({ err, requestId: request.headers.get("x-request-id") }, "REST handler failed");
      return restError(500, "internal error");
    }
  };
}
