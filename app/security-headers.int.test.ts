// Every response carries the security headers: console pages a nonce-based CSP whose nonce is on
// every script Next.js renders, everything else a policy that allows nothing.
import { beforeAll, describe, expect, inject, it } from "vitest";
import { tokenClient, type Client } from "@/lib/rest/rest-test-kit";

const base = () => inject("vigilUrl");
let bot: Client;

beforeAll(async () => {
  bot = await tokenClient("automation");
});

function expectCommonHeaders(res: Response) {
  expect(res.headers.get("x-frame-options")).toBe("DENY");
  expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  // Plain http on loopback: no HSTS (it would be ignored, and is wrong without TLS).
  expect(res.headers.get("strict-transport-security")).toBeNull();
}

const NOTHING = "default-src 'none'";

describe("security headers", () => {
  it("gives a console page a fresh nonce that every script carries", async () => {
    const res = await fetch(`${base()}/login`);
    expect(res.status).toBe(200);
    expectCommonHeaders(res);
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
    expect(csp).not.toContain("unsafe-eval");
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    const html = await res.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

    const again = (await fetch(`${base()}/login`)).headers.get("content-security-policy")!;
    expect(/'nonce-([^']+)'/.exec(again)![1]).not.toBe(nonce);
  });

  it("puts them on REST answers, including errors", async () => {
    const ok = await fetch(`${base()}/rest/version`, { headers: bot.headers });
    expect(ok.status).toBe(200);
    expectCommonHeaders(ok);
    expect(ok.headers.get("content-security-policy")).toContain(NOTHING);
    const refused = await fetch(`${base()}/rest/container`);
    expect(refused.status).toBe(401);
    expectCommonHeaders(refused);
  });

  it("puts them on /api answers and on static files", async () => {
    const health = await fetch(`${base()}/api/health`);
    expectCommonHeaders(health);
    expect(health.headers.get("content-security-policy")).toContain(NOTHING);
    const html = await (await fetch(`${base()}/login`)).text();
    const asset = /(?:src|href)="(\/_next\/static\/[^"]+)"/.exec(html)![1]!;
    const res = await fetch(`${base()}${asset}`);
    expect(res.status).toBe(200);
    expectCommonHeaders(res);
  });
});
