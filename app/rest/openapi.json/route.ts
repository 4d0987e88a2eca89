// The OpenAPI document is public, like most API descriptions: it holds no data, only the contract.
import { openApiDocument } from "@/lib/rest/openapi";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return Response.json(openApiDocument(new URL(request.url).origin));
}
