// LDAP attribute values as SOAR's AD LDAP app returns them: text as text (one value alone, many
// as a list), objectGUID as "{xxxxxxxx-...}" and objectSid as "S-1-5-...", other binary values
// in base64.
import type { Entry } from "ldapts";

export const BINARY_ATTRIBUTES = ["objectGUID", "objectSid", "nTSecurityDescriptor", "unicodePwd", "jpegPhoto", "thumbnailPhoto", "userCertificate"];

/** AD's GUID text: the first three groups little-endian. */
function guid(b: Buffer): string {
  if (b.length !== 16) return b.toString("base64");
  const h = (from: number, to: number, le: boolean) => {
    const part = b.subarray(from, to);
    return Buffer.from(le ? [...part].reverse() : part).toString("hex");
  };
  return `{${h(0, 4, true)}-${h(4, 6, true)}-${h(6, 8, true)}-${h(8, 10, false)}-${h(10, 16, false)}}`;
}

function sid(b: Buffer): string {
  if (b.length < 8) return b.toString("base64");
  const count = b[1]!;
  const authority = b.readUIntBE(2, 6);
  const subs = Array.from({ length: count }, (_, i) => b.readUInt32LE(8 + 4 * i));
  return ["S", b[0], authority, ...subs].join("-");
}

function text(name: string, value: string | Buffer): string {
  if (typeof value === "string") return value;
  const lower = name.toLowerCase();
  if (lower === "objectguid") return guid(value);
  if (lower === "objectsid") return sid(value);
  return value.toString("base64");
}

/** An entry's attributes (dn left out), keys lower-cased when `lower` (run query's data paths). */
export function attributesOf(entry: Entry, lower: boolean): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, raw] of Object.entries(entry)) {
    if (name === "dn") continue;
    const values = (Array.isArray(raw) ? raw : [raw]).map((v) => text(name, v));
    if (values.length === 0) continue; // asked for, but the entry has none
    out[lower ? name.toLowerCase() : name] = values.length === 1 ? values[0]! : values;
  }
  return out;
}
