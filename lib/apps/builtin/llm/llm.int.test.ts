// The LLM app's `summarize container` through the whole path (POST /rest/action_run -> worker ->
// the app's child process -> ctx.currentContainer -> lib/domain) against the chat completions
// server of llm-test-server.ts: the container's name, artifacts and notes go to the model, and
// its markdown summary comes back as a note with the token counts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";
import { runAction, type TestServer } from "@/lib/testing/action-kit";
import { KEY, requests, startLlmServer } from "./llm-test-server";

let analyst: Client;
let admin: Client;
let server: TestServer;

beforeAll(async () => {
  [admin, analyst] = [await tokenClient("administrator"), await tokenClient("analyst")];
  server = await startLlmServer();
});
afterAll(async () => server?.close());

describe("LLM summarize container", () => {
  it("sends the container's fields, artifacts and notes and adds the summary as a note by the run's user", async () => {
    const name = unique("Credential phish");
    const containerId = (await admin.call("POST", "/rest/container", {
      name, severity: "high", artifacts: [
        { name: "sender", cef: { fromEmail: "it-support@evil.example" } },
        { name: "link", cef: { requestURL: "https://login.evil.example/reset" } },
      ],
    })).body.id as number;
    expect((await admin.call("POST", "/rest/note", { container_id: containerId, title: "Triage", content: "User clicked the link at 09:12." })).status).toBe(200);
    const asset = unique("llm");
    expect((await admin.call("POST", "/rest/asset", { name: asset, product_vendor: "Generic", product_name: "OpenAI-compatible LLM", configuration: { base_url: `${server.url}/v1`, model: "test-model", api_key: KEY } })).status).toBe(200);

    const { actionRun, appRuns } = await runAction(analyst, { action: "summarize container", container_id: containerId, targets: [{ assets: [asset], parameters: [{ instructions: "Keep it short." }] }] });
    const result = appRuns[0]!.result_data[0];
    expect(actionRun.status, result.message).toBe("success");
    expect(result.summary).toEqual({ prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 });
    expect(result.data[0]).toMatchObject({ summary: `## Summary\n\n**${name}**: 2 artifacts, 1 notes.\n\n- Next: block the indicators.`, container_id: containerId, note_id: expect.any(Number) });

    const sent = (requests.at(-1)!.body.messages as { role: string; content: string }[]);
    expect(sent[0]!.content).toContain("Also: Keep it short.");
    expect(sent[1]!.content).toContain('"requestURL":"https://login.evil.example/reset"');
    expect(sent[1]!.content).toContain("User clicked the link at 09:12.");

    const note = await db.note.findUniqueOrThrow({ where: { id: result.data[0].note_id }, include: { author: true } });
    expect(note).toMatchObject({ containerId, title: "LLM summary (test-model)" });
    expect(note.content).toContain(`**${name}**: 2 artifacts, 1 notes.`);
    expect(note.content).toMatch(/Summary by test-model: 120 prompt \+ 30 completion = 150 tokens/);
    expect(note.author?.username).toBe(analyst.username);
  }, 90_000);
});
