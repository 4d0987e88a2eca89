// Indicators in free text (a feed entry, an email body, an LLM's answer): URLs, domains, IP
// addresses, hashes and email addresses, each checked by the same validators the apps use on
// their parameters, and the CEF field SOAR puts each kind in. One place, so every app that
// turns text into artifacts finds and validates the same things.
import { isIP } from "node:net";

export type IndicatorKind = "url" | "domain" | "ip" | "md5" | "sha1" | "sha256" | "email";

/** The CEF field and `contains` types of each kind, as SOAR's apps fill them. */
export const INDICATOR_CEF: Record<IndicatorKind, { field: string; contains: string[] }> = {
  url: { field: "requestURL", contains: ["url"] },
  domain: { field: "destinationDnsDomain", contains: ["domain"] },
  ip: { field: "destinationAddress", contains: ["ip"] },
  md5: { field: "fileHashMd5", contains: ["hash", "md5"] },
  sha1: { field: "fileHashSha1", contains: ["hash", "sha1"] },
  sha256: { field: "fileHashSha256", contains: ["hash", "sha256"] },
  email: { field: "emailAddress", contains: ["email"] },
};

export const isDomain = (v: string) => /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i.test(v);
export const isHash = (v: string) => /^([a-f0-9]{32}|[a-f0-9]{40}|[a-f0-9]{64})$/i.test(v);
export const isEmail = (v: string) => /^[^\s@<>()[\],;:"]{1,64}@[^\s@<>()[\],;:"]{1,253}$/.test(v) && isDomain(v.split("@")[1]!);

export function isUrl(v: string): boolean {
  try {
    const url = new URL(v);
    return (url.protocol === "http:" || url.protocol === "https:") && (isDomain(url.hostname) || isIP(url.hostname.replace(/^\[|\]$/g, "")) !== 0);
  } catch {
    return false;
  }
}

/** The kind of a single value, or undefined when it is none of them. */
export function kindOf(value: string, claimed?: string): IndicatorKind | undefined {
  const v = value.trim();
  if (isUrl(v)) return "url";
  if (isEmail(v)) return "email";
  if (isIP(v)) return "ip";
  if (isHash(v)) return v.length === 32 ? "md5" : v.length === 40 ? "sha1" : "sha256";
  // A bare name is a domain only if it was said to be one or has a letter-only top-level label.
  if (isDomain(v) && (claimed === "domain" || /\.[a-z]{2,}$/i.test(v))) return "domain";
  return undefined;
}

export interface TextIndicator {
  kind: IndicatorKind;
  value: string;
}

/** Trailing punctuation that ends a sentence, not the value. */
const trim = (v: string) => v.replace(/[.,;:!?'")\]}>]+$/, "");

/** Threat reports write indicators defanged (hxxp://evil[.]example); this undoes the common forms. */
export function refang(text: string): string {
  return text.replace(/\bhxxp(s?):\/\//gi, "http$1://").replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]/gi, ".").replace(/\[@\]|\[at\]/gi, "@");
}

/**
 * Every distinct indicator in `text` (refanged first), in order of kind and first appearance; the
 * domains of URLs and email addresses included. Bare domain names in prose are not taken: without
 * a list of top-level domains "report.pdf" and "v1.2.exe" would pass.
 */
export function findIndicators(raw: string): TextIndicator[] {
  const text = refang(raw);
  const found = new Map<string, TextIndicator>();
  const add = (kind: IndicatorKind, value: string) => {
    const key = `${kind}:${kind === "url" ? value : value.toLowerCase()}`;
    if (!found.has(key)) found.set(key, { kind, value: kind === "url" ? value : value.toLowerCase() });
  };
  for (const m of text.matchAll(/\bhttps?:\/\/[^\s<>"'`]+/gi)) {
    const url = trim(m[0]);
    if (!isUrl(url)) continue;
    add("url", url);
    const host = new URL(url).hostname;
    if (isDomain(host)) add("domain", host);
  }
  for (const m of text.matchAll(/\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]+\.[A-Za-z]{2,63}\b/g)) {
    if (!isEmail(m[0])) continue;
    add("email", m[0]);
    add("domain", m[0].split("@")[1]!);
  }
  for (const m of text.matchAll(/\b(?:\d{1,3}\.){3}\d{1,3}\b/g)) if (isIP(m[0])) add("ip", m[0]);
  for (const m of text.matchAll(/\b[a-f0-9]{32}(?:[a-f0-9]{8})?(?:[a-f0-9]{24})?\b/gi)) {
    const kind = kindOf(m[0]);
    if (kind) add(kind, m[0]);
  }
  return [...found.values()];
}
