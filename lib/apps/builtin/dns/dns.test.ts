// The DNS app against a real DNS server on loopback (npm dns2) serving a small zone, and against
// a UDP socket that never answers (a resolver that is down without refusing).
import dgram from "node:dgram";
import type { AddressInfo } from "node:net";
import dns2 from "dns2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TransientError } from "@/lib/apps/sdk";
import { testContext } from "../app-test-context";
import app, { reverseName } from "./index";

const { Packet } = dns2;
const IN = Packet.CLASS.IN;
// Packet.RCODE exists at run time but not in dns2's type declarations.
const RCODE = { SERVFAIL: 2, NXDOMAIN: 3 };

type Answer = Record<string, unknown> & { type: number };
const ZONE: Record<string, Answer[]> = {
  "example.test": [
    { type: Packet.TYPE.A, address: "192.0.2.10" },
    { type: Packet.TYPE.A, address: "192.0.2.11" },
    { type: Packet.TYPE.AAAA, address: "2001:db8::10" },
    { type: Packet.TYPE.MX, exchange: "mx2.example.test", priority: 20 },
    { type: Packet.TYPE.MX, exchange: "mx1.example.test", priority: 10 },
    { type: Packet.TYPE.TXT, data: ["v=spf1 -all"] },
    { type: Packet.TYPE.NS, ns: "ns1.example.test" },
    { type: Packet.TYPE.SOA, primary: "ns1.example.test", admin: "hostmaster.example.test", serial: 2026120101, refresh: 7200, retry: 900, expiration: 1209600, minimum: 300 },
  ],
  "www.example.test": [{ type: Packet.TYPE.CNAME, domain: "example.test" }],
  "10.2.0.192.in-addr.arpa": [{ type: Packet.TYPE.PTR, domain: "host10.example.test" }],
};

let server: ReturnType<typeof dns2.createServer>;
let port = 0;
const silent = dgram.createSocket("udp4");
let silentPort = 0;

beforeAll(async () => {
  server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const question = request.questions[0]!;
      const name = question.name.toLowerCase();
      if (name === "servfail.example.test") response.header.rcode = RCODE.SERVFAIL;
      else if (!ZONE[name]) response.header.rcode = RCODE.NXDOMAIN;
      for (const record of ZONE[name] ?? []) {
        // A CNAME answers every type, as a real server does; the resolver follows it.
        if (record.type !== question.type && record.type !== Packet.TYPE.CNAME) continue;
        response.answers.push({ name: question.name, class: IN, ttl: 300, ...record } as never);
        if (record.type === Packet.TYPE.CNAME && question.type !== Packet.TYPE.CNAME) {
          for (const target of ZONE[String(record.domain)] ?? []) {
            if (target.type === question.type) response.answers.push({ name: String(record.domain), class: IN, ttl: 300, ...target } as never);
          }
        }
      }
      void send(response);
    },
  });
  const addresses = await server.listen({ udp: { port: 0, address: "127.0.0.1" } });
  port = (addresses.udp as AddressInfo).port;
  await new Promise<void>((resolve) => silent.bind(0, "127.0.0.1", resolve));
  silentPort = silent.address().port;
});

afterAll(async () => {
  await server.close();
  silent.close();
});

const ctx = (extra: Record<string, unknown> = {}) => testContext({ dns_server: "127.0.0.1", dns_port: port, timeout: 2, ...extra });

describe("lookup domain", () => {
  it("returns A records in SOAR's data and summary shape", async () => {
    const result = await app.actions.forward_lookup!(ctx(), { domain: "example.test" });
    expect(result.status).toBe("success");
    expect(result.data).toEqual([
      {
        record_infos: ["192.0.2.10", "192.0.2.11"],
        record_info_objects: [{ record_info: "192.0.2.10" }, { record_info: "192.0.2.11" }],
        domain: "example.test",
        type: "A",
      },
    ]);
    expect(result.summary).toMatchObject({ total_record_infos: 2, record_info: "192.0.2.10", cannonical_name: "example.test." });
    expect(result.message).toBe("Record info: 192.0.2.10, Total record infos: 2, Cannonical name: example.test.");
  });

  it.each([
    ["AAAA", ["2001:db8::10"]],
    ["MX", ["10 mx1.example.test.", "20 mx2.example.test."]],
    ["TXT", ['"v=spf1 -all"']],
    ["NS", ["ns1.example.test."]],
    ["SOA", ["ns1.example.test. hostmaster.example.test. 2026120101 7200 900 1209600 300"]],
  ])("returns %s records in presentation format", async (type, expected) => {
    const result = await app.actions.forward_lookup!(ctx(), { domain: "Example.Test.", type: type.toLowerCase() });
    expect(result.status).toBe("success");
    expect(result.data[0]!.record_infos).toEqual(expected);
  });

  it("follows a CNAME and reports the canonical name", async () => {
    const result = await app.actions.forward_lookup!(ctx(), { domain: "www.example.test", type: "A" });
    expect(result.data[0]!.record_infos).toEqual(["192.0.2.10", "192.0.2.11"]);
    expect(result.summary.canonical_name).toBe("example.test.");
    const cname = await app.actions.forward_lookup!(ctx(), { domain: "www.example.test", type: "CNAME" });
    expect(cname.data[0]!.record_infos).toEqual(["example.test."]);
  });

  it("fails with SOAR's message when the name does not exist (NXDOMAIN)", async () => {
    const result = await app.actions.forward_lookup!(ctx(), { domain: "nope.example.test" });
    expect(result).toMatchObject({ status: "failed", message: "The DNS query name does not exist: nope.example.test A" });
  });

  it("fails when the name exists without records of the type", async () => {
    for (const [domain, type] of [["example.test", "SRV"], ["www.example.test", "SRV"]]) {
      const result = await app.actions.forward_lookup!(ctx(), { domain, type });
      expect(result).toMatchObject({
        status: "failed",
        message: `The DNS response does not contain an answer to the question: ${domain} ${type}`,
      });
    }
  });

  it.each(["192.0.2.1", "not a domain", "-bad-.example", "", "a..b"])("refuses %j as not a hostname", async (domain) => {
    const result = await app.actions.forward_lookup!(ctx(), { domain });
    expect(result.status).toBe("failed");
    expect(result.message).toMatch(/^Target is not a hostname/);
  });

  it("refuses a record type it cannot ask for", async () => {
    const result = await app.actions.forward_lookup!(ctx(), { domain: "example.test", type: "HINFO" });
    expect(result).toMatchObject({ status: "failed", message: expect.stringContaining("HINFO is not supported") });
  });

  it("throws a TransientError on SERVFAIL so the runner retries", async () => {
    await expect(app.actions.forward_lookup!(ctx(), { domain: "servfail.example.test" })).rejects.toThrow(
      new TransientError(`127.0.0.1:${port} answered SERVFAIL for servfail.example.test A`),
    );
  });

  it("throws a TransientError naming the timeout when the resolver does not answer", async () => {
    const started = Date.now();
    const error = await app.actions.forward_lookup!(ctx({ dns_port: silentPort, timeout: 0.3 }), { domain: "example.test" }).catch((e) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect(error.message).toBe(`127.0.0.1:${silentPort} did not answer the query for example.test A within 0.3 s`);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe("lookup ip", () => {
  it("returns the PTR hostname with SOAR's summary", async () => {
    const result = await app.actions.reverse_lookup!(ctx(), { ip: "192.0.2.10" });
    expect(result).toMatchObject({
      status: "success",
      data: [{ ip: "192.0.2.10", hostname: "host10.example.test." }],
      summary: { ip: "192.0.2.10", hostname: "host10.example.test.", cannonical_name: "10.2.0.192.in-addr.arpa." },
    });
  });

  it("fails when no PTR exists, and for something that is not an IP", async () => {
    expect((await app.actions.reverse_lookup!(ctx(), { ip: "192.0.2.99" })).message).toBe(
      "The DNS query name does not exist: 99.2.0.192.in-addr.arpa.",
    );
    expect(await app.actions.reverse_lookup!(ctx(), { ip: "example.test" })).toMatchObject({
      status: "failed",
      message: 'Target is not an IP: "example.test"',
    });
  });

  it("builds IPv6 reverse names nibble by nibble", () => {
    expect(reverseName("2001:db8::1")).toBe(`1.${"0.".repeat(23)}8.b.d.0.1.0.0.2.ip6.arpa.`);
  });
});

describe("test connectivity", () => {
  it("passes against the configured server and fails clearly when it is silent", async () => {
    const ok = await app.actions.test_asset_connectivity!(ctx({ host_name: "example.test" }), {});
    expect(ok).toMatchObject({ status: "success", message: "Connectivity to dns server was successful." });
    const down = await app.actions.test_asset_connectivity!(ctx({ host_name: "example.test", dns_port: silentPort, timeout: 0.2 }), {});
    expect(down.status).toBe("failed");
    expect(down.message).toContain("did not answer");
  });

  it("rejects a dns_server that is not an address", async () => {
    const result = await app.actions.forward_lookup!(ctx({ dns_server: "resolver.example" }), { domain: "example.test" });
    expect(result).toMatchObject({ status: "failed", message: expect.stringContaining("is not an IP address") });
  });
});
