// Behind a reverse proxy: a Vigil that trusts 127.0.0.1 (where this test's requests come from)
// takes the client's address and protocol from X-Forwarded-*; the shared test server, which
// trusts no proxy, ignores them.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SYSTEM } from "./domain/actor";
import { createUser } from "./domain/users";
import { LIMITS } from "./auth/sign-in-limits";
import { startVigil, type VigilProcess } from "./testing/vigil-process";

const unique = (p: string) => `${p}-${randomUUID().slice(0, 8)}`;
let proxied: VigilProcess;

beforeAll(async () => {
  proxied = await startVigil({ databaseUrl: inject("databaseUrl"), env: { VIGIL_TRUSTED_PROXIES: "127.0.0.1/32, ::1/128" } });
}, 180_000);
afterAll(async () => {
  await proxied?.stop();
});

/** Signs in through next-auth's credentials endpoint as a browser would; returns the Set-Cookie lines. */
async function signIn(base: string, username: string, password: string, headers: Record<string, string>): Promise<string[]> {
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers });
  const { csrfToken } = await csrf.json();
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST", redirect: "manual",
    headers: { ...headers, cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, username, password, callbackUrl: "/" }),
  });
  expect([302, 303]).toContain(res.status);
  return res.headers.getSetCookie();
}

const sessionCookie = (lines: string[]) => lines.find((c) => /authjs\.session-token=/.test(c));

describe("VIGIL_TRUSTED_PROXIES", () => {
  it("makes the session cookie Secure when a trusted proxy says the client used https", async () => {
    const { user } = await createUser({ username: unique("proxied"), role: "analyst", password: "proxied-pass-1" }, SYSTEM);
    const secure = sessionCookie(await signIn(proxied.url, user.username, "proxied-pass-1", { "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.50" }));
    expect(secure).toMatch(/^__Secure-authjs\.session-token=/);
    expect(secure).toMatch(/;\s*Secure/i);
    const plain = sessionCookie(await signIn(proxied.url, user.username, "proxied-pass-1", {}));
    expect(plain).toMatch(/^authjs\.session-token=/);
    expect(plain).not.toMatch(/;\s*Secure/i);
  });

  it("ignores X-Forwarded-Proto from a client that is not a trusted proxy", async () => {
    const { user } = await createUser({ username: unique("direct"), role: "analyst", password: "direct-pass-12" }, SYSTEM);
    const cookie = sessionCookie(await signIn(inject("vigilUrl"), user.username, "direct-pass-12", { "x-forwarded-proto": "https" }));
    expect(cookie).toMatch(/^authjs\.session-token=/);
    expect(cookie).not.toMatch(/;\s*Secure/i);
  });

  it("limits failed sign-ins per forwarded client address, which a client cannot forge", async () => {
    const attacker = "203.0.113.66";
    const basic = (user: string) => ({ authorization: `Basic ${Buffer.from(`${user}:wrong-password`).toString("base64")}` });
    const call = (xff: string) => fetch(`${proxied.url}/rest/version`, { headers: { ...basic(unique("nobody")), "x-forwarded-for": xff } });
    for (let i = 0; i < LIMITS.perAddress; i++) {
      // Made-up entries on the left are the client's own words; the proxy's entry is the right-most.
      expect((await call(`198.51.100.${i}, ${attacker}`)).status).toBe(401);
    }
    const limited = await call(attacker);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(60);
    // Another client behind the same proxy is not affected.
    expect((await call("203.0.113.67")).status).toBe(401);
  }, 120_000); // 20 scrypt hashes
});
