// The DNS app's resolver: node's c-ares resolver pointed at the asset's server (or the system's),
// with the asset's timeout, and the mapping from c-ares error codes to what a SOAR user reads:
// retryable trouble with the resolver is a TransientError, a definite answer ("no such name")
// is a permanent failure the caller reports as such.
import { promises as dns } from "node:dns";
import { isIP } from "node:net";
import { domainToASCII } from "node:url";
import { TransientError } from "@/lib/apps/sdk";

export interface ResolverConfig {
  dns_server?: unknown;
  dns_port?: unknown;
  timeout?: unknown;
}

/** A definite answer that retrying will not change (NXDOMAIN, no data, bad name). */
export class PermanentDnsError extends Error {}

export function timeoutMs(config: ResolverConfig): number {
  const seconds = Number(config.timeout ?? 5);
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : 5000;
}

/** `host`, `host:port`, `v6`, `[v6]:port` as c-ares's setServers wants it; undefined = system. */
export function serverAddress(config: ResolverConfig): string | undefined {
  const server = typeof config.dns_server === "string" ? config.dns_server.trim() : "";
  if (!server) return undefined;
  const port = Number(config.dns_port ?? 53) || 53;
  if (/^\[.+\]:\d+$/.test(server) || /^[^:]+:\d+$/.test(server)) return server;
  if (isIP(server) === 6) return port === 53 ? server : `[${server}]:${port}`;
  if (isIP(server) === 4) return port === 53 ? server : `${server}:${port}`;
  throw new PermanentDnsError(`dns_server "${server}" is not an IP address (write 192.0.2.53, 192.0.2.53:5353 or [2001:db8::53]:53)`);
}

export function makeResolver(config: ResolverConfig, signal: AbortSignal): dns.Resolver {
  // tries: 1 because the job runner owns retries (with backoff); c-ares would retry silently.
  const resolver = new dns.Resolver({ timeout: timeoutMs(config), tries: 1 });
  const server = serverAddress(config);
  if (server) resolver.setServers([server]);
  signal.addEventListener("abort", () => resolver.cancel(), { once: true });
  return resolver;
}

/** A lowercase ASCII host name (IDNs converted), without its trailing dot, or undefined. */
export function hostName(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim().replace(/\.$/, "");
  if (!trimmed || isIP(trimmed) || trimmed.length > 253) return undefined;
  const ascii = domainToASCII(trimmed);
  // Underscores are allowed: _dmarc.example.com TXT and SRV names are looked up all the time.
  const label = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;
  return ascii && ascii.split(".").every((l) => label.test(l)) ? ascii : undefined;
}

/** Turns a c-ares failure into a TransientError (worth retrying) or a PermanentDnsError. */
export function dnsFailure(error: unknown, question: string, config: ResolverConfig): Error {
  const code = (error as { code?: string }).code ?? "";
  const where = serverAddress(config) ?? "the system resolver";
  switch (code) {
    case "ENOTFOUND":
      return new PermanentDnsError(`The DNS query name does not exist: ${question}`);
    case "ENODATA":
      return new PermanentDnsError(`The DNS response does not contain an answer to the question: ${question}`);
    case "EBADNAME":
    case "EBADQUERY":
    case "EFORMERR":
      return new PermanentDnsError(`${where} rejected the query for ${question} as malformed (${code})`);
    case "EREFUSED":
      return new PermanentDnsError(`${where} refused the query for ${question}`);
    case "ETIMEOUT":
      return new TransientError(`${where} did not answer the query for ${question} within ${timeoutMs(config) / 1000} s`);
    case "ECONNREFUSED":
      return new TransientError(`${where} refused the connection (is a DNS server listening there?)`);
    case "ESERVFAIL":
      return new TransientError(`${where} answered SERVFAIL for ${question}`);
    case "ECANCELLED":
      return new TransientError(`The query for ${question} was cancelled`);
    default:
      return new TransientError(`DNS query for ${question} failed: ${(error as Error).message ?? String(error)}`);
  }
}
