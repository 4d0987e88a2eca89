// Runs before every route (pages, /rest, /api, static files): security headers on every
// response, and for console pages a per-request CSP nonce that Next.js applies to its scripts.
import { NextResponse, type NextRequest } from "next/server";
import { isHttps, isPagePath, newNonce, NON_PAGE_POLICY, pagePolicy, securityHeaders } from "@/lib/security-headers";

export function proxy(request: NextRequest): NextResponse {
  const https = isHttps(request.headers, request.nextUrl);
  if (!isPagePath(request.nextUrl.pathname)) {
    return withHeaders(NextResponse.next(), securityHeaders({ csp: NON_PAGE_POLICY, https }));
  }
  const nonce = newNonce();
  const csp = pagePolicy(nonce, { https, dev: process.env.NODE_ENV === "development" });
  // Next.js finds the nonce in the request's CSP header while rendering.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  requestHeaders.set("x-nonce", nonce);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), securityHeaders({ csp, https }));
}

function withHeaders(response: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
