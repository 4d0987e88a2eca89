// Answers for requests no /rest route serves, in Phantom's error shape instead of Next.js's
// empty 405 or the console's HTML 404 page: scripts parse every /rest answer as JSON.
//  - a method a route does not implement: 405 {failed, message} with an Allow header taken
//    from the operations table (./openapi.ts), so Allow and the published contract agree;
//  - a path no route matches (app/rest/[[...path]]/route.ts): 404 {failed, message}.
import { OPERATIONS } from "./openapi";
import { restError } from "./with-rest";

/** Routes outside the operations table. */
const EXTRA: Record<string, string[]> = { "/rest/openapi.json": ["GET"] };

const TABLE = (() => {
  const byPath = new Map<string, Set<string>>();
  for (const op of OPERATIONS) (byPath.get(op.path) ?? byPath.set(op.path, new Set()).get(op.path)!).add(op.method.toUpperCase());
  for (const [p, ms] of Object.entries(EXTRA)) byPath.set(p, new Set(ms));
  return [...byPath].map(([template, methods]) => ({
    pattern: new RegExp(`^${template.replace(/[.]/g, "\\.").replace(/\{[a-z_]+\}/g, "[^/]+")}/?$`),
    // The static path of a sub-route outranks the {field} template, as Next.js routes do.
    specific: !template.includes("{field}"),
    methods: [...methods].sort(),
  }));
})();

export function allowedMethods(pathname: string): string[] {
  const matches = TABLE.filter((t) => t.pattern.test(pathname));
  const best = matches.find((t) => t.specific) ?? matches[0];
  return best ? best.methods : [];
}

/** Exported by a route under each method it does not implement. */
export async function methodNotAllowed(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  const allow = allowedMethods(pathname);
  const res = restError(405, `${request.method} is not allowed on ${pathname}${allow.length ? `; allowed: ${allow.join(", ")}` : ""}`);
  res.headers.set("allow", allow.join(", "));
  return res;
}

export async function noSuchEndpoint(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  return restError(404, `no such REST endpoint: ${request.method} ${pathname} (the list is at /rest/openapi.json)`);
}
