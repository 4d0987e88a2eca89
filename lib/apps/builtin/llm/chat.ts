// One call to an OpenAI-compatible chat completions API (POST <base_url>/chat/completions), as
// OpenAI, Azure OpenAI, vLLM and Ollama speak it, through service-call.ts: the answer's text and
// token counts, or a failure that says why (refused key, unknown model, an answer cut off at
// max_tokens, JSON asked for and not given).
import type { AppContext } from "@/lib/apps/sdk";
import { callService, configNumber, configText, objectAt, ServiceFailure, type Service } from "../service-call";

export const NAME = "The LLM API";

export interface Usage { prompt_tokens: number; completion_tokens: number; total_tokens: number }
export interface ChatAnswer { content: string; model: string; usage: Usage }
export interface Message { role: "system" | "user" | "assistant"; content: string }

const errorText = (body: unknown) => {
  const error = (body as { error?: { message?: unknown } | string } | null)?.error;
  return typeof error === "string" ? error : typeof error?.message === "string" ? error.message : undefined;
};

export function service(ctx: AppContext): Service {
  const base = configText(ctx.config, "base_url");
  if (!base) throw new ServiceFailure("the asset has no base_url: set the API's base URL (e.g. https://api.openai.com/v1)");
  const key = configText(ctx.config, "api_key");
  const header = configText(ctx.config, "api_key_header", "Authorization");
  return {
    name: NAME,
    baseUrl: base,
    headers: key ? (header.toLowerCase() === "authorization" ? { authorization: `Bearer ${key}` } : { [header]: key }) : {},
    timeoutS: configNumber(ctx.config, "timeout", 120),
    credentials: "the asset's api_key (and api_key_header: api-key for Azure OpenAI)",
    errorText,
  };
}

const apiVersion = (ctx: AppContext) => configText(ctx.config, "api_version") || undefined;

/** Sends the messages; `json` asks for a JSON object answer (response_format json_object). */
export async function chat(ctx: AppContext, messages: Message[], opts: { json?: boolean } = {}): Promise<ChatAnswer> {
  const model = configText(ctx.config, "model");
  if (!model) throw new ServiceFailure("the asset has no model: set the model name");
  const temperature = Number(ctx.config.temperature ?? 0);
  const res = await callService<Record<string, unknown>>(ctx, service(ctx), {
    method: "POST",
    path: "chat/completions",
    query: { "api-version": apiVersion(ctx) },
    json: {
      model, messages,
      temperature: Number.isFinite(temperature) ? temperature : 0,
      max_tokens: configNumber(ctx.config, "max_tokens", 1024),
      ...(opts.json ? { response_format: { type: "json_object" } } : {}),
    },
  });
  const body = objectAt(res.body, NAME, "a JSON object");
  const choice = Array.isArray(body.choices) ? (body.choices[0] as { message?: { content?: unknown }; finish_reason?: unknown } | undefined) : undefined;
  const content = choice?.message?.content;
  if (typeof content !== "string") throw new ServiceFailure(`${NAME} answered without choices[0].message.content; the answer is not the chat completions JSON`);
  if (choice?.finish_reason === "length") throw new ServiceFailure(`the model's answer was cut off at max_tokens (${configNumber(ctx.config, "max_tokens", 1024)}); raise max_tokens`);
  const u = (body.usage ?? {}) as Partial<Usage>;
  const n = (v: unknown) => (typeof v === "number" ? v : 0);
  const usage = { prompt_tokens: n(u.prompt_tokens), completion_tokens: n(u.completion_tokens), total_tokens: n(u.total_tokens) || n(u.prompt_tokens) + n(u.completion_tokens) };
  return { content, model: typeof body.model === "string" ? body.model : model, usage };
}

/** The JSON object a model answered, tolerating the ``` fences some models put around it. */
export function answerObject(content: string): Record<string, unknown> {
  const bare = content.trim().replace(/^```(?:json)?\s*/i, "").replace(/\s*```$/, "");
  let parsed: unknown;
  try {
    parsed = JSON.parse(bare);
  } catch {
    throw new ServiceFailure(`the model did not answer with the JSON asked for: ${content.slice(0, 200)}`);
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new ServiceFailure(`the model answered JSON that is not an object: ${content.slice(0, 200)}`);
  return parsed as Record<string, unknown>;
}

export async function listModels(ctx: AppContext): Promise<unknown> {
  return (await callService(ctx, service(ctx), { path: "models", query: { "api-version": apiVersion(ctx) } })).body;
}
