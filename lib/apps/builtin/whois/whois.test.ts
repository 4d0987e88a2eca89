// The WHOIS app against a real RDAP server on loopback (node:http) answering RFC 9083 JSON for
// a domain and an IP network, and with the failures real registries produce.
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TransientError } from "@/lib/apps/sdk";
import { testContext } from "../app-test-context";
import app, { domainOf } from "./index";
import { rangeToCidrs } from "./parse";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");
const NOT_FOUND = JSON.stringify({ errorCode: 404, title: "Not Found", description: ["The object does not exist."] });

const seen: string[] = [];
const held: http.ServerResponse[] = [];
const server = http.createServer((req, res) => {
  seen.push(req.url ?? "");
  const json = (status: number, body: string, headers: Record<string, string> = {}) =>
    res.writeHead(status, { "content-type": "application/rdap+json", ...headers }).end(body);
  switch (req.url) {
    case "/rdap/domain/example.com": return json(200, fixture("domain-example.com.json"));
    case "/rdap/ip/192.0.2.10": return json(200, fixture("ip-192.0.2.0.json"));
    case "/rdap/help": return json(200, JSON.stringify({ rdapConformance: ["rdap_level_0"], notices: [] }));
    case "/rdap/domain/busy.com": return json(429, "", { "retry-after": "7" });
    case "/rdap/domain/broken.com": return json(500, JSON.stringify({ errorCode: 500, title: "Internal Server Error" }));
    case "/rdap/domain/garbled.com": return json(200, "<html>maintenance</html>");
    case "/rdap/domain/entity.com": return json(200, JSON.stringify({ objectClassName: "entity", handle: "X" }));
    case "/rdap/domain/slow.com": return void held.push(res);
    default: return json(404, NOT_FOUND);
  }
});
let base = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rdap`;
});
afterAll(async () => {
  for (const res of held) res.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const ctx = (extra: Record<string, unknown> = {}) => testContext({ rdap_base_url: base, timeout: 2, ...extra });

describe("whois domain", () => {
  it("reads registrar, dates, nameservers, status and contacts from the RDAP domain", async () => {
    const result = await app.actions.whois_domain!(ctx(), { domain: "https://www.Example.com/login?x=1" });
    expect(result.status).toBe("success");
    const row = result.data[0]!;
    expect(row).toMatchObject({
      domain: "example.com",
      id: "2336799_DOMAIN_COM-VRSN",
      registrar: "RESERVED-Internet Assigned Numbers Authority",
      registrar_iana_id: "376",
      whois_server: "whois.verisign-grs.com",
      creation_date: "1995-08-14T04:00:00Z",
      expiration_date: "2026-08-13T04:00:00Z",
      updated_date: "2025-08-14T07:01:44Z",
      status: ["client delete prohibited", "client transfer prohibited", "client update prohibited"],
      nameservers: ["A.IANA-SERVERS.NET", "B.IANA-SERVERS.NET"],
      abuse_emails: ["abuse@iana.example"],
      contacts: {
        registrant: {
          name: "Joe User", organization: "Example Inc.", email: "joe.user@example.com",
          phone: "+1-555-555-1234;ext=102", fax: "+1-555-555-4321",
          street: "4321 Rue Somewhere", city: "Quebec", state: "QC", postalcode: "G1V 2M2", country: "Canada",
        },
        admin: { name: "Hostmaster", email: "hostmaster@example.com" },
        tech: { name: "Hostmaster" },
        abuse: { email: "abuse@iana.example", phone: "+1.3104488900" },
      },
    });
    expect(row.emails).toEqual(["abuse@iana.example", "joe.user@example.com", "hostmaster@example.com"]);
    expect((row.rdap as { handle: string }).handle).toBe("2336799_DOMAIN_COM-VRSN");
    expect(result.summary).toMatchObject({ domain: "example.com", name: "Joe User", organization: "Example Inc.", country: "Canada" });
    expect(result.message).toBe(
      "Registrar: RESERVED-Internet Assigned Numbers Authority, Created: 1995-08-14T04:00:00Z, Expires: 2026-08-13T04:00:00Z",
    );
    // The registry had no record for the subdomain, so the app asked for its parent.
    expect(seen).toContain("/rdap/domain/www.example.com");
  });

  it("fails with 'not found' when the registry has no record", async () => {
    const result = await app.actions.whois_domain!(ctx(), { domain: "missing.com" });
    expect(result).toMatchObject({
      status: "failed",
      message: "No RDAP record for missing.com: not found (Not Found: The object does not exist.)",
    });
  });

  it("retries on 429 (honouring Retry-After) and on 500", async () => {
    const busy = await app.actions.whois_domain!(ctx(), { domain: "busy.com" }).catch((e) => e);
    expect(busy).toBeInstanceOf(TransientError);
    expect(busy).toMatchObject({ message: `${new URL(base).origin} is rate limiting queries (429)`, retryAfterMs: 7000 });
    const broken = await app.actions.whois_domain!(ctx(), { domain: "broken.com" }).catch((e) => e);
    expect(broken).toBeInstanceOf(TransientError);
    expect(broken.message).toBe(`${new URL(base).origin} answered 500: Internal Server Error`);
  });

  it("fails with a message when the body is not RDAP JSON", async () => {
    const garbled = await app.actions.whois_domain!(ctx(), { domain: "garbled.com" });
    expect(garbled.status).toBe("failed");
    expect(garbled.message).toMatch(/answered with a body that is not JSON/);
    const entity = await app.actions.whois_domain!(ctx(), { domain: "entity.com" });
    expect(entity.message).toBe("The RDAP server answered with a entity object, not a domain");
  });

  it("gives up after the configured timeout with a TransientError", async () => {
    const started = Date.now();
    const error = await app.actions.whois_domain!(ctx({ timeout: 0.3 }), { domain: "slow.com" }).catch((e) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect(error.message).toBe(`${new URL(base).origin} did not answer within 0.3 s`);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("treats a refused connection as transient", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await app.actions.whois_domain!(ctx({ rdap_base_url: `http://127.0.0.1:${port}` }), { domain: "example.com" }).catch((e) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect(error.message).toBe(`Cannot reach http://127.0.0.1:${port}: ECONNREFUSED`);
  });

  it.each(["", "not a domain", "192.0.2.1", "localhost", "ftp://"])("refuses %j", async (domain) => {
    const result = await app.actions.whois_domain!(ctx(), { domain });
    expect(result).toMatchObject({ status: "failed", message: expect.stringMatching(/^Not a domain name or URL/) });
  });
});

describe("whois ip", () => {
  it("reads the network: name, handle, range, CIDR, country, registry, contacts", async () => {
    const result = await app.actions.whois_ip!(ctx(), { ip: "192.0.2.10" });
    expect(result.status).toBe("success");
    expect(result.data[0]).toMatchObject({
      query: "192.0.2.10",
      asn_registry: "arin",
      nets: [{
        cidr: "192.0.2.0/24", name: "TEST-NET-1", handle: "NET-192-0-2-0-1", range: "192.0.2.0 - 192.0.2.255",
        country: "US", description: "Internet Assigned Numbers Authority", address: "12025 Waterfront Drive\nSuite 300\nLos Angeles\nCA\n90292\nUnited States",
        created: "2010-01-19T00:00:00-05:00", updated: "2024-03-14T09:20:11-04:00",
        abuse_emails: ["abuse@iana.example"], tech_emails: ["abuse@iana.example"],
      }],
    });
    expect(result.summary).toMatchObject({ registry: "arin", country_code: "US", nets: [{ range: "192.0.2.0 - 192.0.2.255" }] });
    expect(result.message).toBe("Registry: arin Country: US Nets: Range: 192.0.2.0 - 192.0.2.255 Name: TEST-NET-1");
  });

  it("fails for an address without a record and for something that is not an IP", async () => {
    expect(await app.actions.whois_ip!(ctx(), { ip: "198.51.100.1" })).toMatchObject({ status: "failed", message: expect.stringMatching(/^not found/) });
    expect(await app.actions.whois_ip!(ctx(), { ip: "example.com" })).toMatchObject({ status: "failed", message: 'Not an IP address: "example.com"' });
  });
});

describe("helpers", () => {
  it("computes CIDRs of ranges that are not one block", () => {
    expect(rangeToCidrs("192.0.2.0", "192.0.2.255")).toEqual(["192.0.2.0/24"]);
    expect(rangeToCidrs("10.0.0.0", "10.0.2.255")).toEqual(["10.0.0.0/23", "10.0.2.0/24"]);
    expect(rangeToCidrs("2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")).toEqual(["2001:db8::/32"]);
  });

  it("extracts the domain of a URL", () => {
    expect(domainOf("http://Sub.Example.org:8080/path")).toBe("sub.example.org");
    expect(domainOf("example.org.")).toBe("example.org");
  });
});

describe("test connectivity", () => {
  it("asks the server's /help", async () => {
    expect(await app.actions.test_connectivity!(ctx(), {})).toMatchObject({ status: "success" });
    const bad = await app.actions.test_connectivity!(ctx({ rdap_base_url: "ldap://x" }), {});
    expect(bad).toMatchObject({ status: "failed", message: 'Connectivity test failed: rdap_base_url "ldap://x" is not an http(s) URL' });
  });
});
