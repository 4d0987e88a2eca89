// A local server on loopback speaking the OpenAI chat completions JSON (POST /v1/chat/completions,
// GET /v1/models, {"error": {"message", "type", "code"}} bodies), for the LLM app's tests. It is
// no model: it answers from what the request holds, so a test can see what was sent.
import type http from "node:http";
import { readBody, startHttpServer, type TestServer } from "@/lib/testing/action-kit";

export const KEY = "sk-test-llm";
export const requests: { url: string; headers: http.IncomingHttpHeaders; body: Record<string, unknown> }[] = [];
const held: http.ServerResponse[] = [];

function completion(model: string, content: string, finish = "stop") {
  return { id: "chatcmpl-1", object: "chat.completion", created: 1764633600, model, choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: finish }], usage: { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 } };
}

/** What the "model" says, by what it was asked. */
function answer(system: string, user: string): { content: string; finish?: string } {
  if (user.includes("cut me off")) return { content: "The summary beg", finish: "length" };
  if (system.startsWith("Classify")) {
    if (user.includes("prose please")) return { content: "I think this is phishing." };
    if (user.includes("invent a label")) return { content: JSON.stringify({ label: "ransomware", reason: "made up" }) };
    const phishing = /password|verify your account/i.test(user);
    return { content: "```json\n" + JSON.stringify({ label: phishing ? "Phishing" : "benign", reason: phishing ? "It asks the reader to enter a password on another site." : "Nothing suspicious." }) + "\n```" };
  }
  if (system.startsWith("List every indicator")) {
    return { content: JSON.stringify({ indicators: [
      { type: "ip", value: "203.0.113.7" },
      { type: "url", value: "https://login.evil.example/reset" },
      { type: "domain", value: "login.evil.example" },
      { type: "hash", value: "44d88612fea8a8f36de82e1278abb02f" },
      { type: "ip", value: "198.51.100.99" },          // not in the text: invented
      { type: "domain", value: "203.0.113.7" },        // wrong type
      { type: "email", value: "not-an-email" },        // invalid
      { type: "ip", value: "203.0.113.7" },            // repeated
    ] }) };
  }
  const name = /^Container \d+: (.*)$/m.exec(user)?.[1] ?? "?";
  const artifacts = /^Artifacts \((\d+)\):/m.exec(user)?.[1] ?? "?";
  const notes = /^Notes \((\d+)\):/m.exec(user)?.[1] ?? "?";
  return { content: `## Summary\n\n**${name}**: ${artifacts} artifacts, ${notes} notes.\n\n- Next: block the indicators.` };
}

async function handler(req: http.IncomingMessage, res: http.ServerResponse) {
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) => res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
  const url = new URL(req.url ?? "/", "http://x");
  const raw = await readBody(req);
  const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  requests.push({ url: req.url ?? "", headers: req.headers, body });
  const azure = url.pathname.startsWith("/openai/");
  const authorized = azure ? req.headers["api-key"] === KEY && url.searchParams.get("api-version") === "2024-10-21" : req.headers.authorization === `Bearer ${KEY}`;
  if (req.headers.authorization === "Bearer sk-limited") return json(429, { error: { message: "Rate limit reached for requests", type: "requests", code: "rate_limit_exceeded" } }, { "retry-after": "2" });
  if (!authorized) return json(401, { error: { message: "Incorrect API key provided: sk-wr***ng.", type: "invalid_request_error", code: "invalid_api_key" } });
  if (url.pathname.endsWith("/models")) return json(200, { object: "list", data: [{ id: "test-model", object: "model", owned_by: "vigil" }] });
  if (!url.pathname.endsWith("/chat/completions")) return json(404, { error: { message: "Not found" } });
  const model = String(body.model);
  if (model === "missing-model") return json(404, { error: { message: "The model `missing-model` does not exist or you do not have access to it.", type: "invalid_request_error", code: "model_not_found" } });
  if (model === "overloaded") return json(503, { error: { message: "The server is overloaded", type: "server_error" } });
  if (model === "garbled") return res.writeHead(200, { "content-type": "text/html" }).end("<html>gateway</html>");
  if (model === "hang") return void held.push(res);
  const messages = body.messages as { role: string; content: string }[];
  const { content, finish } = answer(messages.find((m) => m.role === "system")?.content ?? "", messages.find((m) => m.role === "user")?.content ?? "");
  json(200, completion(model, content, finish));
}

export async function startLlmServer(): Promise<TestServer> {
  return startHttpServer((req, res) => void handler(req, res));
}

export function closeHeld() {
  for (const res of held) res.destroy();
}
