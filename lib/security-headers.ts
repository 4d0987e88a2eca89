// The security headers every response carries (set by proxy.ts, which runs before every route).
// Console pages get a Content-Security-Policy with a fresh nonce: Next.js reads the nonce from
// the request's CSP header and puts it on its own inline and bundle scripts, and 'strict-dynamic'
// lets those load the rest, so no other script runs. Styles allow 'unsafe-inline': sonner and
// Radix (react-remove-scroll) insert <style> elements without a nonce and server-rendered
// components carry style attributes, and a nonce in style-src would switch 'unsafe-inline' off.
// Everything that is not a page (REST, /api, downloads, static files) gets a policy that allows
// nothing at all, so a response opened directly in a browser can neither run nor be framed.

/** The request header the Vigil web server sets from the socket or a trusted proxy's X-Forwarded-Proto. */
export const CLIENT_PROTO_HEADER = "x-vigil-client-proto";

const HSTS = "max-age=31536000";

// next-auth's own HTML pages (/api/auth/error, /api/auth/signout) have inline styles and forms,
// so they get the page policy; the rest of /api answers data.
const NOT_A_PAGE = /^\/(?:rest|_next|api(?!\/auth(?:\/|$)))(?:\/|$)/;

export function isPagePath(pathname: string): boolean {
  return !NOT_A_PAGE.test(pathname);
}

/** A random nonce, new for every page request. */
export function newNonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function pagePolicy(nonce: string, opts: { https: boolean; dev?: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Over plain http (a loopback demo) upgrading would break every request.
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export const NON_PAGE_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Whether the client reached Vigil over https: the server's own header, else the URL. */
export function isHttps(headers: Headers, url: URL): boolean {
  const proto = headers.get(CLIENT_PROTO_HEADER);
  if (proto) return proto.trim().toLowerCase() === "https";
  return url.protocol === "https:";
}

/** The headers for one response, with the policy chosen for its path. */
export function securityHeaders(opts: { csp: string; https: boolean }): Record<string, string> {
  return {
    "content-security-policy": opts.csp,
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-content-type-options": "nosniff",
    ...(opts.https ? { "strict-transport-security": HSTS } : {}),
  };
}
