// LLM app over an OpenAI-compatible chat completions API: `summarize container` (the run's
// container in, a markdown summary out as a note), `classify` (one of the labels given, with a
// reason) and `extract indicators` (text in, typed CEF values out, each validated and required
// to appear in the text, so a model's invention never reaches a playbook). Token counts are in
// every summary.
import { failed, success, type ActionHandler, type AppModule, type ContainerDigest } from "@/lib/apps/sdk";
import { connectivityTest, serviceAction } from "../service-call";
import { INDICATOR_CEF, kindOf, refang, type IndicatorKind } from "../text-indicators";
import { answerObject, chat, listModels, type Usage } from "./chat";

const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");
/** Characters of text or container that are sent; beyond it the model's context would overflow. */
const MAX_INPUT = 60_000;

const tokenSummary = (usage: Usage) => ({ prompt_tokens: usage.prompt_tokens, completion_tokens: usage.completion_tokens, total_tokens: usage.total_tokens });

/** The container as the model reads it: fields, artifacts' CEF, notes; cut at MAX_INPUT. */
export function describeContainer(c: ContainerDigest): string {
  const lines = [
    `Container ${c.id}: ${c.name}`,
    `Label: ${c.label}; severity: ${c.severity}; sensitivity: ${c.sensitivity}; status: ${c.status}; type: ${c.container_type}; started: ${c.start_time}`,
    c.tags.length ? `Tags: ${c.tags.join(", ")}` : "",
    c.description ? `Description: ${c.description}` : "",
    `Artifacts (${c.artifacts.length}):`,
    ...c.artifacts.map((a) => `- ${a.name} [${a.label}, ${a.severity}]: ${JSON.stringify(a.cef)}`),
    `Notes (${c.notes.length}):`,
    ...c.notes.map((n) => `- ${n.title || "(untitled)"} by ${n.author ?? "automation"} at ${n.created}:\n${n.content}`),
  ];
  return lines.filter(Boolean).join("\n").slice(0, MAX_INPUT);
}

const summarizeContainer: ActionHandler = serviceAction(async (ctx, parameter) => {
  if (!ctx.currentContainer) return failed("summarize container runs on a container: start it from a container or a playbook");
  const container = await ctx.currentContainer.read();
  const answer = await chat(ctx, [
    { role: "system", content: "You are a SOC analyst's assistant. Summarize the security event below for the analyst in markdown: what happened, the key indicators, what is known and unknown, and suggested next steps. Use only the facts given; say when something is not known." + (text(parameter.instructions) ? `\nAlso: ${text(parameter.instructions)}` : "") },
    { role: "user", content: describeContainer(container) },
  ]);
  const summary = answer.content.trim();
  const row: Record<string, unknown> = { summary, model: answer.model, container_id: container.id };
  if (parameter.add_note !== false) {
    const footer = `\n\n---\n*Summary by ${answer.model}: ${answer.usage.prompt_tokens} prompt + ${answer.usage.completion_tokens} completion = ${answer.usage.total_tokens} tokens.*`;
    row.note_id = (await ctx.currentContainer.addNote({ title: `LLM summary (${answer.model})`, content: summary + footer })).id;
  }
  return success(`Summary written (${answer.usage.total_tokens} tokens)${row.note_id ? `; note ${row.note_id} added` : ""}`, [row], tokenSummary(answer.usage));
});

const classify: ActionHandler = serviceAction(async (ctx, parameter) => {
  const input = text(parameter.text);
  if (!input) return failed("text: required");
  const labels = [...new Set(String(parameter.labels ?? "").split(",").map((l) => l.trim()).filter(Boolean))];
  if (labels.length < 2) return failed("labels: give at least two comma-separated labels to choose from");
  const answer = await chat(ctx, [
    { role: "system", content: `Classify the text the user gives into exactly one of these labels: ${JSON.stringify(labels)}. Answer with a JSON object {"label": "<one of the labels>", "reason": "<one or two sentences>"}.` + (text(parameter.instructions) ? `\n${text(parameter.instructions)}` : "") },
    { role: "user", content: input.slice(0, MAX_INPUT) },
  ], { json: true });
  const object = answerObject(answer.content);
  const chosen = labels.find((l) => l.toLowerCase() === String(object.label ?? "").trim().toLowerCase());
  if (!chosen) return failed(`the model answered the label ${JSON.stringify(object.label ?? null)}, which is not one of ${labels.join(", ")}`, [], tokenSummary(answer.usage));
  const reason = typeof object.reason === "string" ? object.reason : "";
  return success(`Label: ${chosen}`, [{ label: chosen, reason, model: answer.model }], { label: chosen, ...tokenSummary(answer.usage) });
});

const KINDS = Object.keys(INDICATOR_CEF) as IndicatorKind[];

const extractIndicators: ActionHandler = serviceAction(async (ctx, parameter) => {
  const input = text(parameter.text);
  if (!input) return failed("text: required");
  const answer = await chat(ctx, [
    { role: "system", content: `List every indicator of compromise the user's text names. Answer with a JSON object {"indicators": [{"type": "<one of ${KINDS.join(", ")}>", "value": "<the value, refanged: http not hxxp, . not [.]>"}]}. Use only values written in the text.` },
    { role: "user", content: input.slice(0, MAX_INPUT) },
  ], { json: true });
  const listed = answerObject(answer.content).indicators;
  const haystack = refang(input).toLowerCase();
  const rows: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  let rejected = 0;
  for (const item of Array.isArray(listed) ? listed : []) {
    const value = typeof (item as { value?: unknown })?.value === "string" ? refang((item as { value: string }).value.trim()) : "";
    const claimed = String((item as { type?: unknown })?.type ?? "").toLowerCase();
    const kind = value ? kindOf(value, claimed) : undefined;
    // Valid, of the type the model claimed (hash kinds by length), and written in the text.
    const fits = kind && (kind === claimed || (claimed === "hash" && ["md5", "sha1", "sha256"].includes(kind)));
    if (!fits || !haystack.includes(value.toLowerCase())) {
      rejected++;
      ctx.log.info(`dropped ${JSON.stringify(item)}: ${!kind ? "not a valid indicator" : !fits ? `a ${kind}, not a ${claimed}` : "not in the text"}`);
      continue;
    }
    const normal = kind === "url" ? value : value.toLowerCase();
    if (seen.has(`${kind}:${normal}`)) continue;
    seen.add(`${kind}:${normal}`);
    rows.push({ type: kind, value: normal, cef_field: INDICATOR_CEF[kind].field, [kind]: normal, model: answer.model });
  }
  return success(`Found ${rows.length} indicator${rows.length === 1 ? "" : "s"}${rejected ? `, dropped ${rejected} the text does not support` : ""}`, rows, { indicators_found: rows.length, rejected, ...tokenSummary(answer.usage) });
});

const app: AppModule = {
  actions: {
    test_connectivity: connectivityTest(listModels),
    summarize_container: summarizeContainer,
    classify,
    extract_indicators: extractIndicators,
  },
};
export default app;
