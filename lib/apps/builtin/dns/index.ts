// DNS app: SOAR's `lookup domain`, `lookup ip` and `test connectivity` with the same
// identifiers, parameters and result shape as Splunk's phantom_dns app, so playbooks written
// for it (`lookup_domain_1:action_result.data.*.record_infos`) bind unchanged. Records are in
// dnspython's presentation format (what SOAR's app returns): names end with a dot, MX is
// "10 mx.example.com.", TXT strings are quoted.
import type { promises as dns } from "node:dns";
import { isIP } from "node:net";
import { failed, success, type ActionHandler, type AppModule } from "@/lib/apps/sdk";
import { failingOn } from "../permanent";
import { dnsFailure, hostName, makeResolver, PermanentDnsError } from "./resolver";

const dot = (name: string) => (name.endsWith(".") ? name : `${name}.`);
const quote = (text: string) => `"${text.replace(/["\\]/g, "\\$&")}"`;

type Reader = (resolver: dns.Resolver, host: string) => Promise<string[]>;

// The types SOAR's value_list offers (less HINFO and ISDN, which c-ares cannot ask for) plus the
// ones playbooks commonly pass by hand.
const READERS: Record<string, Reader> = {
  A: (r, h) => r.resolve4(h),
  AAAA: (r, h) => r.resolve6(h),
  CNAME: async (r, h) => (await r.resolveCname(h)).map(dot),
  NS: async (r, h) => (await r.resolveNs(h)).map(dot),
  PTR: async (r, h) => (await r.resolvePtr(h)).map(dot),
  MX: async (r, h) =>
    (await r.resolveMx(h)).sort((a, b) => a.priority - b.priority).map((m) => `${m.priority} ${dot(m.exchange)}`),
  TXT: async (r, h) => (await r.resolveTxt(h)).map((parts) => parts.map(quote).join(" ")),
  SOA: async (r, h) => {
    const s = await r.resolveSoa(h);
    return [`${dot(s.nsname)} ${dot(s.hostmaster)} ${s.serial} ${s.refresh} ${s.retry} ${s.expire} ${s.minttl}`];
  },
  SRV: async (r, h) => (await r.resolveSrv(h)).map((s) => `${s.priority} ${s.weight} ${s.port} ${dot(s.name)}`),
};

/** The name the answer is really for: the end of the CNAME chain (dnspython's canonical_name). */
async function canonicalName(resolver: dns.Resolver, host: string): Promise<string> {
  let name = host;
  for (let hop = 0; hop < 8; hop++) {
    const next = await resolver.resolveCname(name).then((targets) => targets[0], () => undefined);
    if (!next || next === name) break;
    name = next;
  }
  return dot(name);
}

/** Runs one lookup; permanent DNS answers become a failed result, retryable trouble is thrown. */
const guarded = failingOn(PermanentDnsError);

const forwardLookup: ActionHandler = (ctx, parameter) =>
  guarded(async () => {
    const host = hostName(parameter.domain);
    if (!host) return failed(`Target is not a hostname: ${JSON.stringify(parameter.domain ?? "")}`);
    const type = String(parameter.type || "A").trim().toUpperCase();
    const read = READERS[type];
    if (!read) return failed(`Record type ${type} is not supported; use one of ${Object.keys(READERS).join(", ")}`);
    const resolver = makeResolver(ctx.config, ctx.signal);
    const recordInfos = await read(resolver, host).catch((error) => {
      throw dnsFailure(error, `${host} ${type}`, ctx.config);
    });
    // A CNAME to a name without the type answers with no records; SOAR reports that as NoAnswer.
    if (recordInfos.length === 0) return failed(`The DNS response does not contain an answer to the question: ${host} ${type}`);
    const canonical = await canonicalName(resolver, host);
    ctx.log.info(`${host} ${type}: ${recordInfos.length} record(s)`);
    const summary = {
      total_record_infos: recordInfos.length,
      record_info: recordInfos[0],
      cannonical_name: canonical, // sic: SOAR's app spells it so; playbooks read this key
      canonical_name: canonical,
    };
    return success(
      `Record info: ${recordInfos[0]}, Total record infos: ${recordInfos.length}, Cannonical name: ${canonical}`,
      [{ record_infos: recordInfos, record_info_objects: recordInfos.map((r) => ({ record_info: r })), domain: host, type }],
      summary,
    );
  });

/** The PTR owner name of an address: 4.3.2.1.in-addr.arpa. or the nibbles under ip6.arpa. */
export function reverseName(ip: string): string {
  if (isIP(ip) === 4) return `${ip.split(".").reverse().join(".")}.in-addr.arpa.`;
  const [head = "", tail = ""] = ip.split("::");
  const groups = (part: string) => (part ? part.split(":") : []);
  const missing = 8 - groups(head).length - groups(tail).length;
  const full = [...groups(head), ...Array<string>(ip.includes("::") ? missing : 0).fill("0"), ...groups(tail)];
  const nibbles = full.map((g) => g.padStart(4, "0")).join("").split("");
  return `${nibbles.reverse().join(".")}.ip6.arpa.`;
}

const reverseLookup: ActionHandler = (ctx, parameter) =>
  guarded(async () => {
    const ip = typeof parameter.ip === "string" ? parameter.ip.trim() : "";
    // Embedded IPv4 in IPv6 (::ffff:1.2.3.4) is valid but has no simple nibble form; ask for the v4.
    if (!isIP(ip) || (isIP(ip) === 6 && ip.includes("."))) {
      return failed(`Target is not an IP: ${JSON.stringify(parameter.ip ?? "")}`);
    }
    const resolver = makeResolver(ctx.config, ctx.signal);
    const hostnames = (await resolver.reverse(ip).catch((error) => {
      throw dnsFailure(error, reverseName(ip), ctx.config);
    })).map(dot);
    const canonical = reverseName(ip);
    const hostname = hostnames[0] ?? "";
    return success(
      `Ip: ${ip}\nHostname: ${hostname}\nCannonical name: ${canonical}`,
      hostnames.map((h) => ({ ip, hostname: h })),
      { ip, hostname, cannonical_name: canonical, canonical_name: canonical },
    );
  });

const testConnectivity: ActionHandler = async (ctx) => {
  const host = hostName(ctx.config.host_name ?? "www.splunk.com");
  if (!host) return failed(`host_name ${JSON.stringify(ctx.config.host_name)} is not a hostname`);
  try {
    const resolver = makeResolver(ctx.config, ctx.signal);
    const [address] = await resolver.resolve4(host).catch((error) => {
      throw dnsFailure(error, `${host} A`, ctx.config);
    });
    ctx.log.info(`Found a record for ${host} as ${address}`);
    return success("Connectivity to dns server was successful.", [], { record_info: address });
  } catch (error) {
    // A connectivity test answers at once; retrying would only delay the administrator's answer.
    return failed(`Test Connectivity Failed: ${(error as Error).message}`);
  }
};

const app: AppModule = {
  actions: {
    test_asset_connectivity: testConnectivity,
    forward_lookup: forwardLookup,
    reverse_lookup: reverseLookup,
  },
};
export default app;
