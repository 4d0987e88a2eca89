// One email, parsed (mailparser) into what Vigil keeps of it: addresses, subject, message id,
// every URL in the text and HTML bodies with their domains, IP addresses and hashes, and each
// attachment with its SHA-256; and the container with artifacts an ingest makes of it, in the
// CEF fields SOAR's email ingestion uses (fromEmail, toEmail, requestURL, destinationDnsDomain,
// sourceAddress, fileHash, vaultId).
import { createHash } from "node:crypto";
import { isIP } from "node:net";
import { simpleParser, type AddressObject } from "mailparser";
import type { IngestContainer } from "@/lib/apps/sdk";

export interface ParsedAttachment {
  name: string;
  content: Buffer;
  sha256: string;
  size: number;
  content_type: string;
}

export interface ParsedEmail {
  message_id: string;
  subject: string;
  from: string;
  to: string[];
  cc: string[];
  date: string | null;
  urls: string[];
  domains: string[];
  ips: string[];
  hashes: string[];
  attachments: ParsedAttachment[];
  headers: Record<string, string>;
  /** The dedup key: the Message-ID, or the SHA-256 of the raw message when it has none. */
  sdi: string;
}

export interface ExtractOptions {
  urls: boolean;
  domains: boolean;
  ips: boolean;
  hashes: boolean;
  attachments: boolean;
}

const URL_RE = /\bhttps?:\/\/[^\s<>"'()]+/gi;
const HREF_RE = /href\s*=\s*["']?(https?:\/\/[^"'\s>]+)/gi;
const IPV4_RE = /\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b/g;
const HASH_RE = /\b(?:[a-f0-9]{64}|[a-f0-9]{40}|[a-f0-9]{32})\b/gi;

const addresses = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address ?? "")).filter(Boolean);
const unique = (values: string[]) => [...new Set(values)];
const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  const mail = await simpleParser(raw, { skipImageLinks: true });
  const text = mail.text ?? "";
  const html = typeof mail.html === "string" ? mail.html : "";
  const urls = unique([...text.matchAll(URL_RE), ...html.matchAll(HREF_RE), ...html.matchAll(URL_RE)].map((m) => (m[1] ?? m[0]).replace(/[.,;:!?]+$/, "").replace(/&amp;/g, "&")));
  const domains = unique(urls.flatMap((u) => {
    try {
      const host = new URL(u).hostname;
      return host && !isIP(host) ? [host.toLowerCase()] : [];
    } catch {
      return [];
    }
  }));
  const body = `${text}\n${html}`;
  const headers: Record<string, string> = {};
  for (const line of mail.headerLines) headers[line.key] = line.line.slice(line.line.indexOf(":") + 1).trim();
  return {
    message_id: mail.messageId ?? "",
    subject: mail.subject ?? "",
    from: addresses(mail.from)[0] ?? "",
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    date: mail.date ? mail.date.toISOString() : null,
    urls,
    domains,
    ips: unique([...body.matchAll(IPV4_RE)].map((m) => m[0])),
    hashes: unique([...body.matchAll(HASH_RE)].map((m) => m[0].toLowerCase())),
    attachments: mail.attachments.map((a, i) => ({
      name: a.filename || `attachment-${i + 1}`, content: a.content, sha256: sha256(a.content), size: a.content.length, content_type: a.contentType,
    })),
    headers,
    sdi: mail.messageId || `sha256:${sha256(raw)}`,
  };
}

const HASH_TYPES: Record<number, string> = { 32: "md5", 40: "sha1", 64: "sha256" };

/** The container an ingested email becomes: one artifact for the message, one per URL, domain, IP, hash and attachment. */
export function emailContainer(email: ParsedEmail, opts: ExtractOptions): IngestContainer {
  const artifacts: NonNullable<IngestContainer["artifacts"]> = [{
    name: "Email Artifact",
    label: "email",
    cef: {
      fromEmail: email.from, toEmail: email.to.join(", "), ...(email.cc.length ? { ccEmail: email.cc.join(", ") } : {}),
      emailSubject: email.subject, internetMessageId: email.message_id,
    },
    cef_types: { fromEmail: ["email"], toEmail: ["email"], ccEmail: ["email"], internetMessageId: ["internet message id"] },
  }];
  if (opts.urls) for (const url of email.urls) artifacts.push({ name: "URL Artifact", label: "url", cef: { requestURL: url }, cef_types: { requestURL: ["url"] } });
  if (opts.domains) for (const domain of email.domains) artifacts.push({ name: "Domain Artifact", label: "domain", cef: { destinationDnsDomain: domain }, cef_types: { destinationDnsDomain: ["domain"] } });
  if (opts.ips) for (const ip of email.ips) artifacts.push({ name: "IP Artifact", label: "ip", cef: { sourceAddress: ip }, cef_types: { sourceAddress: ["ip"] } });
  if (opts.hashes) for (const hash of email.hashes) artifacts.push({ name: "Hash Artifact", label: "hash", cef: { fileHash: hash }, cef_types: { fileHash: ["hash", HASH_TYPES[hash.length]!] } });
  if (opts.attachments) {
    for (const a of email.attachments) {
      artifacts.push({
        name: "Vault Artifact", label: "attachment",
        cef: { fileName: a.name, fileSize: a.size, fileHash: a.sha256, vaultId: a.sha256 },
        cef_types: { fileHash: ["hash", "sha256"], vaultId: ["vault id"], fileName: ["file name"] },
      });
    }
  }
  return {
    name: email.subject || `Email from ${email.from || "unknown sender"}`,
    source_data_identifier: email.sdi,
    description: `Email from ${email.from} to ${email.to.join(", ")}`,
    ...(email.date ? { start_time: email.date } : {}),
    data: { message_id: email.message_id, headers: email.headers },
    artifacts,
  };
}

/** parse email's data: the email without attachment bytes. */
export function emailSummary(email: ParsedEmail): Record<string, unknown> {
  const { attachments, sdi: _sdi, ...rest } = email;
  return { ...rest, attachments: attachments.map(({ content: _content, ...a }) => a) };
}
