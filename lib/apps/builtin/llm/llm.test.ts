// The LLM app against a local server on loopback speaking the OpenAI chat completions JSON
// (llm-test-server.ts), started by this test; summarize container through the real container
// and notes is in llm.int.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TransientError } from "@/lib/apps/sdk";
import { freePort } from "@/lib/testing/ports";
import type { TestServer } from "@/lib/testing/action-kit";
import { testContext } from "../app-test-context";
import app from "./index";
import { closeHeld, KEY, requests, startLlmServer } from "./llm-test-server";

let server: TestServer;
beforeAll(async () => void (server = await startLlmServer()));
afterAll(async () => {
  closeHeld();
  await server.close();
});
const ctx = (config: Record<string, unknown> = {}) => testContext({ base_url: `${server.url}/v1`, model: "test-model", api_key: KEY, timeout: 2, ...config });

describe("LLM classify", () => {
  it("asks for JSON with the labels, returns the label as given and the reason, with token counts", async () => {
    const result = await app.actions.classify!(ctx(), { text: "Please verify your account password at http://login.evil.example", labels: "phishing, spam, benign" });
    expect(result).toMatchObject({
      status: "success", message: "Label: phishing",
      data: [{ label: "phishing", reason: "It asks the reader to enter a password on another site.", model: "test-model" }],
      summary: { label: "phishing", prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 },
    });
    const sent = requests.at(-1)!.body;
    expect(sent).toMatchObject({ model: "test-model", temperature: 0, max_tokens: 1024, response_format: { type: "json_object" } });
    expect((sent.messages as { content: string }[])[0]!.content).toContain('["phishing","spam","benign"]');
  });

  it("refuses a label not offered, an answer that is not JSON, and too few labels", async () => {
    expect((await app.actions.classify!(ctx(), { text: "invent a label", labels: "phishing, benign" })).message).toBe('the model answered the label "ransomware", which is not one of phishing, benign');
    expect((await app.actions.classify!(ctx(), { text: "prose please", labels: "phishing, benign" })).message).toBe("the model did not answer with the JSON asked for: I think this is phishing.");
    expect((await app.actions.classify!(ctx(), { text: "x", labels: "phishing" })).message).toBe("labels: give at least two comma-separated labels to choose from");
  });
});

describe("LLM extract indicators", () => {
  it("keeps only valid values of the claimed type that the text contains, as typed CEF rows", async () => {
    const text = "Reset at hxxps://login.evil[.]example/reset from 203.0.113.7; dropper 44D88612FEA8A8F36DE82E1278ABB02F.";
    const result = await app.actions.extract_indicators!(ctx(), { text });
    expect(result.data).toEqual([
      { type: "ip", value: "203.0.113.7", cef_field: "destinationAddress", ip: "203.0.113.7", model: "test-model" },
      { type: "url", value: "https://login.evil.example/reset", cef_field: "requestURL", url: "https://login.evil.example/reset", model: "test-model" },
      { type: "domain", value: "login.evil.example", cef_field: "destinationDnsDomain", domain: "login.evil.example", model: "test-model" },
      { type: "md5", value: "44d88612fea8a8f36de82e1278abb02f", cef_field: "fileHashMd5", md5: "44d88612fea8a8f36de82e1278abb02f", model: "test-model" },
    ]);
    expect(result).toMatchObject({ message: "Found 4 indicators, dropped 3 the text does not support", summary: { indicators_found: 4, rejected: 3, total_tokens: 150 } });
  });
});

describe("LLM connection and failures", () => {
  it("speaks Azure OpenAI (api-key header, api-version) and lists models for test connectivity", async () => {
    const azure = ctx({ base_url: `${server.url}/openai/deployments/gpt4o`, api_key_header: "api-key", api_version: "2024-10-21" });
    expect(await app.actions.test_connectivity!(azure, {})).toMatchObject({ status: "success", message: "Test Connectivity Passed" });
    expect((await app.actions.classify!(azure, { text: "hello", labels: "phishing, benign" })).summary.label).toBe("benign");
    expect(requests.at(-1)!.url).toBe("/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21");
  });

  it("a wrong key, an unknown model, a cut-off answer and a body that is not JSON are failed results saying why", async () => {
    expect((await app.actions.classify!(ctx({ api_key: "sk-wrong" }), { text: "x", labels: "a, b" })).message).toBe("The LLM API refused the credentials (401): Incorrect API key provided: sk-wr***ng; check the asset's api_key (and api_key_header: api-key for Azure OpenAI)");
    expect((await app.actions.test_connectivity!(ctx({ api_key: "sk-wrong" }), {})).message).toMatch(/^Test Connectivity Failed\. The LLM API refused the credentials/);
    expect((await app.actions.classify!(ctx({ model: "missing-model" }), { text: "x", labels: "a, b" })).message).toBe("The LLM API refused the request with 404: The model `missing-model` does not exist or you do not have access to it");
    expect((await app.actions.extract_indicators!(ctx(), { text: "cut me off" })).message).toBe("the model's answer was cut off at max_tokens (1024); raise max_tokens");
    expect((await app.actions.classify!(ctx({ model: "garbled" }), { text: "x", labels: "a, b" })).message).toMatch(/^The LLM API answered with a body that is not JSON .*<html>gateway<\/html>$/);
  });

  it("429 waits for Retry-After; 5xx and refused connections are retried; a silent server fails at the timeout", async () => {
    await expect(app.actions.classify!(ctx({ api_key: "sk-limited" }), { text: "x", labels: "a, b" })).rejects.toMatchObject({ name: "TransientError", retryAfterMs: 2000, message: "The LLM API is rate limiting this API key (429): Rate limit reached for requests" });
    await expect(app.actions.classify!(ctx({ model: "overloaded" }), { text: "x", labels: "a, b" })).rejects.toThrow(new TransientError("The LLM API answered 503: The server is overloaded"));
    const port = await freePort();
    await expect(app.actions.classify!(ctx({ base_url: `http://127.0.0.1:${port}/v1` }), { text: "x", labels: "a, b" })).rejects.toThrow(`The LLM API at http://127.0.0.1:${port} refused the connection`);
    expect((await app.actions.classify!(ctx({ model: "hang", timeout: 1 }), { text: "x", labels: "a, b" })).message).toBe(`The LLM API at ${server.url} did not answer within 1 s (the asset's timeout)`);
  });
});
