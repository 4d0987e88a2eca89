// Runs before console pages (and next-auth's own pages): their security headers and a
// per-request CSP nonce that Next.js applies to its scripts. /rest, /api and static files are
// left out by the matcher, because a Next.js proxy buffers (and past 10 MB truncates) request
// bodies; lib/web-server.ts gives those responses their headers instead.
import { NextResponse, type NextRequest } from "next/server";
import { isHttps, newNonce, pagePolicy, securityHeaders } from "@/lib/security-headers";

export function proxy(request: NextRequest): NextResponse {
  const https = isHttps(request.headers, request.nextUrl);
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

export const config = {
  matcher: ["/((?!rest(?:/|$)|api(?:/|$)|_next(?:/|$)).*)", "/api/auth/:path*"],
};
