// WHOIS app over RDAP: SOAR's `whois domain`, `whois ip` and `test connectivity` with the same
// identifiers, parameters and output data paths as Splunk's phantom_whois app (which speaks
// port-43 whois), filled from RFC 9083 JSON instead; the RDAP object itself is kept in each data
// row as `rdap`. Fields RDAP does not carry (ASN for an IP, raw whois text) are left absent.
import { isIP } from "node:net";
import { domainToASCII } from "node:url";
import { failed, success, type ActionHandler, type AppContext, type AppModule } from "@/lib/apps/sdk";
import {
  emails, entities, eventDate, networkCidrs, registryOf, strings, withRole, type Contact, type Entity,
} from "./parse";
import { failingOn } from "../permanent";
import { rdapQuery, RdapFailure, type RdapObject } from "./rdap";

/** The domain of a domain or URL parameter (SOAR's app accepts URLs too), lowercase ASCII. */
export function domainOf(value: unknown): string | undefined {
  if (typeof value !== "string" || !value.trim()) return undefined;
  let host = value.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(host)) {
    try {
      host = new URL(host).hostname;
    } catch {
      return undefined;
    }
  }
  host = domainToASCII(host.replace(/\.$/, ""));
  if (!host || isIP(host) || !host.includes(".")) return undefined;
  return host.split(".").every((l) => /^(?!-)[a-z0-9-]{1,63}(?<!-)$/.test(l)) ? host : undefined;
}

/** Runs one query; definite RDAP answers become failed results, transient trouble is thrown. */
const guarded = failingOn(RdapFailure);

/**
 * Registries answer only for the registered domain, not for www.example.com. Without a public
 * suffix list the way to find it is to drop labels from the left while the answer is 404.
 */
async function lookupDomain(ctx: AppContext, domain: string): Promise<{ name: string; rdap: RdapObject }> {
  const labels = domain.split(".");
  for (let i = 0; ; i++) {
    const name = labels.slice(i).join(".");
    try {
      return { name, rdap: await rdapQuery(ctx, `domain/${encodeURIComponent(name)}`) };
    } catch (error) {
      const last = labels.length - i <= 2;
      if (!(error instanceof RdapFailure) || error.status !== 404 || last) {
        if (error instanceof RdapFailure && error.status === 404) throw new RdapFailure(`No RDAP record for ${domain}: ${error.message}`);
        throw error;
      }
      ctx.log.debug(`No RDAP record for ${name}, trying its parent`);
    }
  }
}

const contactOf = (list: Entity[], role: string): Contact | undefined => withRole(list, role)?.contact;

const whoisDomain: ActionHandler = (ctx, parameter) =>
  guarded(async () => {
    const domain = domainOf(parameter.domain);
    if (!domain) return failed(`Not a domain name or URL: ${JSON.stringify(parameter.domain ?? "")}`);
    const { name, rdap } = await lookupDomain(ctx, domain);
    if (rdap.objectClassName !== "domain") {
      return failed(`The RDAP server answered with a ${String(rdap.objectClassName ?? "untyped")} object, not a domain`);
    }
    const list = entities(rdap.entities);
    const registrant = contactOf(list, "registrant");
    const registrar = withRole(list, "registrar");
    const row = {
      domain: String(rdap.ldhName ?? name).toLowerCase(),
      id: rdap.handle,
      registrar: registrar?.contact.name ?? registrar?.contact.organization,
      registrar_iana_id: registrar?.ianaId,
      whois_server: rdap.port43,
      creation_date: eventDate(rdap.events, "registration"),
      expiration_date: eventDate(rdap.events, "expiration"),
      updated_date: eventDate(rdap.events, "last changed"),
      status: strings(rdap.status),
      nameservers: (Array.isArray(rdap.nameservers) ? rdap.nameservers : [])
        .map((n) => (n as { ldhName?: unknown }).ldhName)
        .filter((n): n is string => typeof n === "string"),
      emails: emails(list),
      abuse_emails: emails(list, ["abuse"]),
      contacts: {
        registrant,
        admin: contactOf(list, "administrative"),
        tech: contactOf(list, "technical"),
        billing: contactOf(list, "billing"),
        abuse: contactOf(list, "abuse"),
      },
      rdap,
    };
    const summary = {
      domain: row.domain,
      name: registrant?.name,
      organization: registrant?.organization,
      city: registrant?.city,
      country: registrant?.country,
      registrar: row.registrar,
      creation_date: row.creation_date,
      expiration_date: row.expiration_date,
    };
    const facts = [
      row.registrar && `Registrar: ${row.registrar}`,
      row.creation_date && `Created: ${row.creation_date}`,
      row.expiration_date && `Expires: ${row.expiration_date}`,
    ].filter(Boolean);
    return success(facts.length ? facts.join(", ") : "Whois query did not return any information", [row], summary);
  });

const whoisIp: ActionHandler = (ctx, parameter) =>
  guarded(async () => {
    const ip = typeof parameter.ip === "string" ? parameter.ip.trim() : "";
    if (!isIP(ip)) return failed(`Not an IP address: ${JSON.stringify(parameter.ip ?? "")}`);
    const rdap = await rdapQuery(ctx, `ip/${encodeURIComponent(ip)}`);
    if (rdap.objectClassName !== "ip network") {
      return failed(`The RDAP server answered with a ${String(rdap.objectClassName ?? "untyped")} object, not an ip network`);
    }
    const list = entities(rdap.entities);
    const owner = withRole(list, "registrant")?.contact;
    const cidrs = networkCidrs(rdap);
    const range = rdap.startAddress && rdap.endAddress ? `${rdap.startAddress} - ${rdap.endAddress}` : undefined;
    const net = {
      cidr: cidrs.join(", ") || undefined,
      name: rdap.name,
      handle: rdap.handle,
      range,
      start_address: rdap.startAddress,
      end_address: rdap.endAddress,
      ip_version: rdap.ipVersion,
      type: rdap.type,
      parent_handle: rdap.parentHandle,
      country: rdap.country ?? owner?.country,
      description: owner?.organization ?? owner?.name,
      address: owner?.street,
      city: owner?.city,
      state: owner?.state,
      postal_code: owner?.postalcode,
      created: eventDate(rdap.events, "registration"),
      updated: eventDate(rdap.events, "last changed"),
      emails: emails(list),
      abuse_emails: emails(list, ["abuse"]),
      tech_emails: emails(list, ["technical"]),
      misc_emails: emails(list, ["administrative", "noc"]),
    };
    const registry = registryOf(rdap.port43);
    const row = { query: ip, asn_registry: registry, nets: [net], rdap };
    const summary = { registry, country_code: net.country, nets: [{ range: net.range, address: net.address }] };
    const message = [
      registry && `Registry: ${registry}`,
      net.country && `Country: ${net.country}`,
      `Nets: Range: ${range ?? "unknown"}`,
      net.name && `Name: ${net.name}`,
    ].filter(Boolean).join(" ");
    return success(message, [row], summary);
  });

const testConnectivity: ActionHandler = async (ctx) => {
  try {
    // RFC 9082 section 3.1.6: every RDAP server answers /help.
    await rdapQuery(ctx, "help");
    return success("Connectivity test succeeded: the RDAP server answered /help");
  } catch (error) {
    return failed(`Connectivity test failed: ${(error as Error).message}`);
  }
};

const app: AppModule = {
  actions: { test_connectivity: testConnectivity, whois_domain: whoisDomain, whois_ip: whoisIp },
};
export default app;
