// Splunk's REST API as the app calls it (port 8089, `output_mode=json`): the service description
// for service-call.ts (token or basic auth, Splunk's {"messages": [{"type", "text"}]} error
// bodies, the owner/app namespace) and a search job run to completion: POST search/jobs, read
// search/jobs/<sid> until isDone, then GET search/jobs/<sid>/results.
import type { AppContext } from "@/lib/apps/sdk";
import { callService, configNumber, configText, objectAt, pollUntil, ServiceFailure, type Service } from "../service-call";

export const NAME = "Splunk";

function errorText(body: unknown): string | undefined {
  const messages = (body as { messages?: { type?: unknown; text?: unknown }[] } | null)?.messages;
  if (!Array.isArray(messages)) return undefined;
  return messages.map((m) => (typeof m?.text === "string" ? m.text : "")).filter(Boolean).join("; ") || undefined;
}

/** `device` is a host (https://<device>:<port>) or a base URL with its own scheme and port. */
export function baseUrl(config: AppContext["config"]): string {
  const device = configText(config, "device");
  if (!device) throw new ServiceFailure("the asset has no device: set the Splunk host name or URL");
  if (/^https?:\/\//i.test(device)) return device.replace(/\/+$/, "");
  return `https://${device}:${configNumber(config, "port", 8089)}`;
}

export function service(ctx: AppContext): Service {
  const token = configText(ctx.config, "api_token");
  const username = configText(ctx.config, "username");
  let authorization: string;
  if (token) authorization = `Bearer ${token}`;
  else if (username) authorization = `Basic ${Buffer.from(`${username}:${configText(ctx.config, "password")}`).toString("base64")}`;
  else throw new ServiceFailure("the asset has neither api_token nor username and password");
  return {
    name: NAME,
    baseUrl: baseUrl(ctx.config),
    headers: { authorization },
    timeoutS: configNumber(ctx.config, "timeout", 60),
    credentials: token ? "the asset's api_token" : "the asset's username and password",
    errorText,
    // verify_server_cert is read by the SDK's fetch itself (lib/apps/sdk.ts HTTP_CONFIG_FIELDS).
  };
}

/** The REST path prefix: the owner/app namespace when configured ("-" is Splunk's wildcard). */
export function namespace(config: AppContext["config"]): string {
  const owner = configText(config, "splunk_owner");
  const app = configText(config, "splunk_app");
  return owner || app ? `servicesNS/${encodeURIComponent(owner || "-")}/${encodeURIComponent(app || "-")}/` : "services/";
}

export interface SearchOptions {
  earliest?: string;
  latest?: string;
  /** SOAR's search_mode: fast, smart or verbose. */
  mode?: string;
}

interface JobContent { dispatchState?: string; isDone?: boolean; isFailed?: boolean; resultCount?: number; messages?: unknown }

/** Runs one search job to completion and returns its sid and results. */
export async function search(ctx: AppContext, query: string, options: SearchOptions = {}): Promise<{ sid: string; results: Record<string, unknown>[] }> {
  const svc = service(ctx);
  const ns = namespace(ctx.config);
  const created = await callService<{ sid?: unknown }>(ctx, svc, {
    method: "POST",
    path: `${ns}search/jobs`,
    form: { search: query, earliest_time: options.earliest || undefined, latest_time: options.latest || undefined, adhoc_search_level: options.mode || undefined, exec_mode: "normal", output_mode: "json" },
  });
  const sid = objectAt(created.body, NAME, "a JSON object").sid;
  if (typeof sid !== "string" || !sid) throw new ServiceFailure(`${NAME} accepted the search but answered without a sid`);
  ctx.log.info(`search job ${sid} created`);
  const limitS = configNumber(ctx.config, "splunk_job_timeout", 1200);
  const job = await pollUntil(ctx, `search job ${sid}`, async () => {
    const res = await callService<{ entry?: { content?: JobContent }[] }>(ctx, svc, { path: `${ns}search/jobs/${encodeURIComponent(sid)}`, query: { output_mode: "json" } });
    const entry = Array.isArray(res.body?.entry) ? res.body.entry[0] : undefined;
    return objectAt(entry?.content, NAME, "the job's entry") as JobContent;
  }, (content) => content.isDone === true || content.isFailed === true || content.dispatchState === "FAILED", limitS * 1000);
  if (job.isFailed || job.dispatchState === "FAILED") {
    const why = errorText({ messages: Array.isArray(job.messages) ? job.messages : [] });
    throw new ServiceFailure(`the search job ${sid} failed${why ? `: ${why}` : ""}`);
  }
  if (!job.isDone) {
    // Do not leave the search running on the Splunk server.
    await callService(ctx, svc, { method: "POST", path: `${ns}search/jobs/${encodeURIComponent(sid)}/control`, form: { action: "cancel", output_mode: "json" } }).catch(() => undefined);
    throw new ServiceFailure(`the search job ${sid} did not finish within ${limitS} s (splunk_job_timeout); it was cancelled`);
  }
  const res = await callService<{ results?: unknown }>(ctx, svc, { path: `${ns}search/jobs/${encodeURIComponent(sid)}/results`, query: { output_mode: "json", count: 0 } });
  const results = objectAt(res.body, NAME, "a JSON object").results;
  if (!Array.isArray(results)) throw new ServiceFailure(`${NAME} answered the results of ${sid} without a results list`);
  return { sid, results: results as Record<string, unknown>[] };
}
