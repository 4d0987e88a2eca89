// Inbound webhooks as /rest/webhook answers them (snake_case like the rest of the API). The URL
// carries the secret token: only administrators (admin.settings) read these answers.
import type { WebhookView } from "../domain/webhooks/webhooks";
import { isHttps } from "../security-headers";

/**
 * VIGIL_BASE_URL when set, else the address the caller reached Vigil by: the Host header (or
 * X-Forwarded-Host, which lib/forwarded.ts keeps only from a trusted proxy), not Next.js's own
 * idea of its origin ("localhost"), so the URL answered is one the caller can reach.
 */
export function webhookBaseUrl(headers: Headers, requestUrl: URL): string {
  if (process.env.VIGIL_BASE_URL) return process.env.VIGIL_BASE_URL.replace(/\/+$/, "");
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host") || requestUrl.host;
  return `${isHttps(headers, requestUrl) ? "https" : "http"}://${host}`;
}

export function webhookToRest(w: WebhookView, request: Request) {
  return {
    id: w.id,
    name: w.name,
    description: w.description,
    url: webhookBaseUrl(request.headers, new URL(request.url)) + w.path,
    mapping: w.mapping,
    signature_header: w.signatureHeader,
    has_secret: w.hasSecret,
    disabled: w.disabled,
    received: w.received,
    last_received_time: w.lastReceivedAt?.toISOString() ?? null,
    create_time: w.createdAt.toISOString(),
  };
}
