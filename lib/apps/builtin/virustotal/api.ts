// VirusTotal API v3 as the app calls it: the service description for service-call.ts (x-apikey
// header, VirusTotal's {"error": {"code", "message"}} bodies), object lookups, submissions and
// the polling of an analysis until it completes.
import { setTimeout as sleep } from "node:timers/promises";
import type { AppContext } from "@/lib/apps/sdk";
import { callService, configNumber, configText, objectAt, pollUntil, requiredSecret, ServiceFailure, type Service } from "../service-call";

export const NAME = "VirusTotal";

export type VtObject = Record<string, unknown> & { id?: string; type?: string; attributes?: Record<string, unknown> };
export interface VtAnalysis {
  data: VtObject & { attributes?: { status?: string; stats?: Record<string, number> } };
  meta?: Record<string, unknown>;
}

function errorText(body: unknown): string | undefined {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (!error || typeof error !== "object") return undefined;
  return [error.code, error.message].filter((p) => typeof p === "string" && p).join(": ") || undefined;
}

export function service(ctx: AppContext): Service {
  return {
    name: NAME,
    baseUrl: `${configText(ctx.config, "base_url", "https://www.virustotal.com").replace(/\/+$/, "")}/api/v3/`,
    headers: { "x-apikey": requiredSecret(ctx.config, "apikey", NAME) },
    timeoutS: configNumber(ctx.config, "timeout", 30),
    credentials: "the asset's apikey",
    errorText,
  };
}

/** VirusTotal's identifier of a URL: its unpadded base64url form. */
export const urlId = (url: string) => Buffer.from(url).toString("base64url");

/** GET an object (`ip_addresses/1.2.3.4`, `files/<hash>`, ...); undefined when VirusTotal has none. */
export async function getObject(ctx: AppContext, path: string): Promise<VtObject | undefined> {
  const res = await callService<{ data?: unknown }>(ctx, service(ctx), { path, allow: [404] });
  if (res.status === 404) return undefined;
  return objectAt(objectAt(res.body, NAME, "a JSON object").data, NAME, "a data object") as VtObject;
}

/** POSTs a submission (`urls` with a form, `files` with multipart) and returns the analysis id. */
export async function submit(ctx: AppContext, path: string, request: { form?: Record<string, string>; body?: Uint8Array; contentType?: string }): Promise<string> {
  const res = await callService<{ data?: unknown }>(ctx, service(ctx), {
    method: "POST",
    path,
    form: request.form,
    body: request.body,
    headers: request.contentType ? { "content-type": request.contentType } : undefined,
  });
  const id = objectAt(objectAt(res.body, NAME, "a JSON object").data, NAME, "a data object").id;
  if (typeof id !== "string" || !id) throw new ServiceFailure(`${NAME} accepted the submission but answered without an analysis id`);
  return id;
}

export async function getAnalysis(ctx: AppContext, id: string): Promise<VtAnalysis | undefined> {
  const res = await callService<VtAnalysis>(ctx, service(ctx), { path: `analyses/${encodeURIComponent(id)}`, allow: [404] });
  if (res.status === 404) return undefined;
  objectAt(objectAt(res.body, NAME, "a JSON object").data, NAME, "a data object");
  return res.body;
}

/**
 * Waits `wait_time` seconds (else the asset's `waiting_time`), then polls the analysis until it is
 * completed or `poll_interval` minutes have passed.
 */
export async function pollAnalysis(ctx: AppContext, id: string, waitTime: unknown): Promise<VtAnalysis | undefined> {
  const initial = Number(waitTime ?? ctx.config.waiting_time ?? 0);
  if (Number.isFinite(initial) && initial > 0) await sleep(initial * 1000, undefined, { signal: ctx.signal });
  const limit = configNumber(ctx.config, "poll_interval", 5) * 60_000;
  return pollUntil(ctx, `analysis ${id}`, () => getAnalysis(ctx, id), (a) => a?.data.attributes?.status === "completed", limit);
}

/** SOAR's summary of a verdict: the four counts and where they came from. */
export function verdict(stats: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const s = (stats && typeof stats === "object" ? stats : {}) as Record<string, unknown>;
  const count = (k: string) => (typeof s[k] === "number" ? s[k] : 0);
  return { harmless: count("harmless"), malicious: count("malicious"), suspicious: count("suspicious"), undetected: count("undetected"), ...extra };
}
