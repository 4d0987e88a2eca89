// Who is really on the other end of a request. Behind a reverse proxy (nginx, a load balancer)
// the socket peer is the proxy; the client's address and protocol arrive in X-Forwarded-For and
// X-Forwarded-Proto. Those headers are believed only from peers listed in
// VIGIL_TRUSTED_PROXIES; from anyone else they are ignored, since a client can send anything.
import type { IncomingHttpHeaders } from "node:http";
import net from "node:net";

/** A matcher for the trusted proxies, from comma-separated addresses or CIDRs (IPv4 or IPv6). */
export function parseTrustedProxies(list: string | undefined): net.BlockList {
  const blocks = new net.BlockList();
  for (const entry of (list ?? "").split(",").map((e) => e.trim()).filter(Boolean)) {
    const [address = "", prefix, extra] = entry.split("/");
    const family = net.isIP(address);
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
    const valid = family !== 0 && extra === undefined && /^\d+$/.test(prefix ?? "0") && bits <= (family === 6 ? 128 : 32);
    if (!valid) throw new Error(`VIGIL_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR (e.g. 10.0.0.0/8, ::1/128)`);
    blocks.addSubnet(address, bits, family === 6 ? "ipv6" : "ipv4");
  }
  return blocks;
}

/** "::ffff:10.0.0.1" (an IPv4 client on a dual-stack socket) as the plain "10.0.0.1". */
function plain(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

function trusted(blocks: net.BlockList, address: string): boolean {
  const family = net.isIP(address);
  return family !== 0 && blocks.check(address, family === 6 ? "ipv6" : "ipv4");
}

function single(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(",") : (value ?? "");
}

export interface ClientInfo {
  address: string;
  proto: "http" | "https";
}

/**
 * The client's address and protocol. From a trusted peer: the right-most X-Forwarded-For entry
 * that is not itself a trusted proxy (entries to its left were written by the client and can be
 * forged), and X-Forwarded-Proto's first value (what the client used at the outermost proxy).
 */
export function clientInfo(
  peer: string,
  socketProto: "http" | "https",
  headers: IncomingHttpHeaders,
  blocks: net.BlockList,
): ClientInfo {
  let address = plain(peer);
  if (!trusted(blocks, address)) return { address, proto: socketProto };
  const hops = single(headers["x-forwarded-for"]).split(",").map((h) => plain(h.trim())).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    // Garbage from a trusted proxy: the last address we can vouch for is the proxy itself.
    if (!net.isIP(hop)) break;
    address = hop;
    if (!trusted(blocks, hop)) break;
  }
  const forwardedProto = single(headers["x-forwarded-proto"]).split(",")[0]!.trim().toLowerCase();
  const proto = forwardedProto === "https" || forwardedProto === "http" ? forwardedProto : socketProto;
  return { address, proto };
}

/**
 * Sets the server-only headers the app reads (x-vigil-client-address, x-vigil-client-proto),
 * replacing anything the client sent under those names. X-Forwarded-Proto is rewritten to the
 * same answer, because next-auth and Next.js read it to build URLs and to decide on Secure
 * cookies; X-Forwarded-Host is dropped unless a trusted proxy sent it.
 */
export function applyClientInfo(
  headers: IncomingHttpHeaders,
  peer: string,
  socketProto: "http" | "https",
  blocks: net.BlockList,
): ClientInfo {
  const info = clientInfo(peer, socketProto, headers, blocks);
  if (!trusted(blocks, plain(peer))) delete headers["x-forwarded-host"];
  headers["x-vigil-client-address"] = info.address;
  headers["x-vigil-client-proto"] = info.proto;
  headers["x-forwarded-proto"] = info.proto;
  return info;
}
