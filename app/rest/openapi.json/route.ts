// The OpenAPI document is public, like most API descriptions: it holds no data, only the contract.
import { openApiDocument } from "@/lib/rest/openapi";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return Response.json(openApiDocument(new URL(request.url).origin));
}

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
