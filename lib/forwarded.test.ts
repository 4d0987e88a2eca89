import { describe, expect, it } from "vitest";
import { applyClientInfo, clientInfo, parseTrustedProxies } from "./forwarded";

const proxies = parseTrustedProxies("10.0.0.0/8, 192.168.1.5, fd00::/8");
const none = parseTrustedProxies(undefined);

describe("trusted proxies", () => {
  it("ignores X-Forwarded-* from peers that are not trusted proxies", () => {
    const headers = { "x-forwarded-for": "203.0.113.7", "x-forwarded-proto": "https" };
    expect(clientInfo("198.51.100.4", "http", headers, proxies)).toEqual({ address: "198.51.100.4", proto: "http" });
    expect(clientInfo("10.1.2.3", "http", headers, none)).toEqual({ address: "10.1.2.3", proto: "http" });
  });

  it("takes the right-most untrusted X-Forwarded-For entry from a trusted proxy", () => {
    const info = (xff: string) => clientInfo("10.0.0.2", "http", { "x-forwarded-for": xff }, proxies).address;
    expect(info("203.0.113.7")).toBe("203.0.113.7");
    // A client forging entries on the left does not get to pick its address.
    expect(info("1.2.3.4, 203.0.113.7")).toBe("203.0.113.7");
    // A chain of trusted proxies is walked through.
    expect(info("1.2.3.4, 203.0.113.7, 10.9.9.9, 192.168.1.5")).toBe("203.0.113.7");
    // All trusted: the furthest one we know of.
    expect(info("10.3.3.3, 10.4.4.4")).toBe("10.3.3.3");
    // Garbage from a proxy: the last address vouched for.
    expect(info("203.0.113.7, unknown")).toBe("10.0.0.2");
    expect(info("")).toBe("10.0.0.2");
  });

  it("handles IPv6 and IPv4 addresses on a dual-stack socket", () => {
    expect(clientInfo("::ffff:10.0.0.2", "http", { "x-forwarded-for": "2001:db8::1" }, proxies).address).toBe("2001:db8::1");
    expect(clientInfo("fd12::1", "http", { "x-forwarded-for": "::ffff:203.0.113.9" }, proxies).address).toBe("203.0.113.9");
    expect(clientInfo("::ffff:198.51.100.4", "http", {}, proxies).address).toBe("198.51.100.4");
  });

  it("takes the protocol from a trusted proxy's X-Forwarded-Proto, first value, http or https only", () => {
    const proto = (value: string | string[]) => clientInfo("10.0.0.2", "http", { "x-forwarded-proto": value }, proxies).proto;
    expect(proto("https")).toBe("https");
    expect(proto("HTTPS, http")).toBe("https");
    expect(proto(["https", "http"])).toBe("https");
    expect(proto("gopher")).toBe("http");
  });

  it("replaces client-sent copies of the server-only headers", () => {
    const headers: Record<string, string | string[] | undefined> = {
      "x-vigil-client-address": "6.6.6.6", "x-vigil-client-proto": "https",
      "x-forwarded-proto": "https", "x-forwarded-host": "evil.example", "x-forwarded-for": "6.6.6.6",
    };
    applyClientInfo(headers, "198.51.100.4", "http", proxies);
    expect(headers["x-vigil-client-address"]).toBe("198.51.100.4");
    expect(headers["x-vigil-client-proto"]).toBe("http");
    expect(headers["x-forwarded-proto"]).toBe("http");
    expect(headers["x-forwarded-host"]).toBeUndefined();
    const behind: typeof headers = { "x-forwarded-proto": "https", "x-forwarded-host": "vigil.example", "x-forwarded-for": "203.0.113.7" };
    applyClientInfo(behind, "10.0.0.2", "http", proxies);
    expect(behind).toMatchObject({ "x-vigil-client-address": "203.0.113.7", "x-vigil-client-proto": "https", "x-forwarded-host": "vigil.example" });
  });

  it("refuses a setting that is not a list of addresses or CIDRs", () => {
    for (const bad of ["10.0.0.0/33", "nginx", "10.0.0.0/8/1", "::1/129", "10.0.0.0/x"]) {
      expect(() => parseTrustedProxies(bad), bad).toThrow(/VIGIL_TRUSTED_PROXIES: ".*" is not an IP address or CIDR/);
    }
    expect(() => parseTrustedProxies("127.0.0.1/32,::1/128, 172.16.0.0/12")).not.toThrow();
  });
});
