// Reading RFC 9083 objects into the fields SOAR's whois app returns. RDAP describes people and
// organisations as jCard (RFC 7095: ["vcard", [[name, params, type, value...], ...]]) inside
// entities with roles; dates are events; a network is a start/end range (plus CIDRs when the
// server implements the cidr0 extension).

export interface Contact {
  name?: string;
  organization?: string;
  email?: string;
  phone?: string;
  fax?: string;
  street?: string;
  city?: string;
  state?: string;
  postalcode?: string;
  country?: string;
}

export interface Entity {
  handle?: string;
  /** The registrar's IANA ID from publicIds (RFC 9083 section 4.8). */
  ianaId?: string;
  roles: string[];
  contact: Contact;
  entities: Entity[];
}

const text = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim() : undefined);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The contact fields of one jCard; absent fields stay absent. */
export function vcardContact(vcardArray: unknown): Contact {
  const properties = list(list(vcardArray)[1]);
  const contact: Contact = {};
  for (const property of properties) {
    const [name, params, , ...values] = list(property);
    const value = values[0];
    const types = [(params as { type?: unknown } | undefined)?.type].flat(); // a string or a list of them
    switch (name) {
      case "fn":
        contact.name ??= text(value);
        break;
      case "org":
        contact.organization ??= text(Array.isArray(value) ? value[0] : value);
        break;
      case "email":
        contact.email ??= text(value);
        break;
      case "tel": {
        const number = text(value)?.replace(/^tel:/, "");
        if (types.includes("fax")) contact.fax ??= number;
        else contact.phone ??= number;
        break;
      }
      case "adr": {
        // [post office box, extended address, street, locality, region, postal code, country]
        const parts = list(value);
        const street = list(parts[2]).length ? list(parts[2]).join(", ") : parts[2];
        contact.street ??= text(street) ?? text((params as { label?: unknown } | undefined)?.label);
        contact.city ??= text(parts[3]);
        contact.state ??= text(parts[4]);
        contact.postalcode ??= text(parts[5]);
        contact.country ??= text(parts[6]) ?? text((params as { cc?: unknown } | undefined)?.cc);
        break;
      }
    }
  }
  return contact;
}

export function entities(value: unknown): Entity[] {
  return list(value).map((raw) => {
    const entity = raw as Record<string, unknown>;
    return {
      handle: text(entity.handle),
      ianaId: text(
        (list(entity.publicIds) as { type?: unknown; identifier?: unknown }[]).find((p) => p.type === "IANA Registrar ID")?.identifier,
      ),
      roles: list(entity.roles).filter((r): r is string => typeof r === "string"),
      contact: vcardContact(entity.vcardArray),
      entities: entities(entity.entities),
    };
  });
}

/** Every entity, nested ones included (a registrar's abuse contact sits inside the registrar). */
export function flatten(list: Entity[]): Entity[] {
  return list.flatMap((e) => [e, ...flatten(e.entities)]);
}

export function withRole(list: Entity[], role: string): Entity | undefined {
  return flatten(list).find((e) => e.roles.includes(role));
}

/** The date of the first event with this action (registration, expiration, last changed). */
export function eventDate(events: unknown, action: string): string | undefined {
  const found = list(events).find((e) => (e as { eventAction?: unknown }).eventAction === action);
  return text((found as { eventDate?: unknown } | undefined)?.eventDate);
}

export function strings(value: unknown): string[] {
  return list(value).filter((s): s is string => typeof s === "string");
}

/** Unique e-mail addresses of the entities having any of the roles (or all, with no roles). */
export function emails(list: Entity[], roles?: string[]): string[] {
  const found = flatten(list)
    .filter((e) => !roles || e.roles.some((r) => roles.includes(r)))
    .map((e) => e.contact.email)
    .filter((e): e is string => !!e);
  return [...new Set(found)];
}

// ---- IP networks -------------------------------------------------------------------------

function toBigInt(ip: string): { value: bigint; bits: number } | undefined {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(ip)) {
    const octets = ip.split(".").map(Number);
    if (octets.some((o) => o > 255)) return undefined;
    return { value: octets.reduce((n, o) => (n << 8n) | BigInt(o), 0n), bits: 32 };
  }
  if (!ip.includes(":") || ip.includes(".")) return undefined;
  const [head = "", tail = ""] = ip.split("::");
  const groups = (part: string) => (part ? part.split(":") : []);
  const fill = ip.includes("::") ? 8 - groups(head).length - groups(tail).length : 0;
  const all = [...groups(head), ...Array<string>(Math.max(0, fill)).fill("0"), ...groups(tail)];
  if (all.length !== 8 || all.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  return { value: all.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n), bits: 128 };
}

function fromBigInt(value: bigint, bits: number): string {
  if (bits === 32) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join(".");
  const groups = Array.from({ length: 8 }, (_, i) => ((value >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
  // Shorten the longest run of zero groups to "::" (RFC 5952).
  const joined = groups.join(":");
  const runs = joined.match(/(^|:)0(:0)+(:|$)/g) ?? [];
  const longest = runs.sort((a, b) => b.length - a.length)[0];
  return longest ? joined.replace(longest, "::") : joined;
}

/** The CIDR blocks covering start..end (at most 64 of them: a sane RIR range needs a few). */
export function rangeToCidrs(start: string, end: string): string[] {
  const a = toBigInt(start);
  const b = toBigInt(end);
  if (!a || !b || a.bits !== b.bits || a.value > b.value) return [];
  const cidrs: string[] = [];
  let cursor = a.value;
  while (cursor <= b.value && cidrs.length < 64) {
    let size = 0;
    while (size < a.bits && cursor % (1n << BigInt(size + 1)) === 0n && cursor + (1n << BigInt(size + 1)) - 1n <= b.value) size++;
    cidrs.push(`${fromBigInt(cursor, a.bits)}/${a.bits - size}`);
    cursor += 1n << BigInt(size);
  }
  return cidrs;
}

/** CIDRs from the cidr0 extension when present, else computed from the range. */
export function networkCidrs(network: Record<string, unknown>): string[] {
  const cidr0 = list(network.cidr0_cidrs)
    .map((c) => c as { v4prefix?: string; v6prefix?: string; length?: number })
    .filter((c) => (c.v4prefix || c.v6prefix) && c.length !== undefined)
    .map((c) => `${c.v4prefix ?? c.v6prefix}/${c.length}`);
  if (cidr0.length) return cidr0;
  const start = text(network.startAddress);
  const end = text(network.endAddress);
  return start && end ? rangeToCidrs(start, end) : [];
}

/** The RIR from the port-43 whois server (whois.arin.net -> arin), as ipwhois's asn_registry. */
export function registryOf(port43: unknown): string | undefined {
  return text(port43)?.match(/whois\.(arin|ripe|apnic|afrinic|lacnic)\.net/i)?.[1]?.toLowerCase();
}
