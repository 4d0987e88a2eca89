import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { isPagePath } from "./security-headers";

describe("isPagePath", () => {
  it("tells console pages from the API, REST and static files", () => {
    for (const p of ["/", "/events", "/events/12", "/login", "/restore", "/apis", "/api/auth/error"]) expect(isPagePath(p), p).toBe(true);
    for (const p of ["/rest", "/rest/container", "/api", "/api/live", "/api/authors", "/_next/static/chunks/a.js"]) expect(isPagePath(p), p).toBe(false);
  });
});

describe("proxy", () => {
  it("sends HSTS only when the client came over https", () => {
    const viaTls = proxy(new NextRequest("http://vigil.internal/events", { headers: { "x-vigil-client-proto": "https" } }));
    expect(viaTls.headers.get("strict-transport-security")).toBe("max-age=31536000");
    expect(viaTls.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
    const direct = proxy(new NextRequest("https://vigil.example/cases"));
    expect(direct.headers.get("strict-transport-security")).toBe("max-age=31536000");
    const plain = proxy(new NextRequest("http://vigil.internal/events", { headers: { "x-vigil-client-proto": "http" } }));
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    expect(plain.headers.get("content-security-policy")).not.toContain("upgrade-insecure-requests");
  });

  it("hands the page's nonce to Next.js in the request headers", () => {
    const res = proxy(new NextRequest("http://localhost/events"));
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy")!)![1];
    expect(res.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(res.headers.get("x-middleware-request-content-security-policy")).toContain(`'nonce-${nonce}'`);
  });
});
