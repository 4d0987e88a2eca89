"use client";
// A prompt block: who answers (a user, a role, or the container's owner), the message (with
// `{0}` parameters like a format), how long they have, and the questions with their answers.
import type { NodeData } from "@/lib/schemas/playbooks";
import { DatapathInput } from "./datapath-input";
import { Section, SelectField, SmallButton, TextField, asText } from "./controls";
import type { FormProps } from "./form-props";

type Resp = Extract<NodeData, { type: "prompt" }>["responses"][number];

export function PromptForm({ block, set, options, ctx }: FormProps<"prompt">) {
  const kind = block.approver === "container_owner" ? "owner" : "user" in block.approver ? "user" : "role";
  const who = typeof block.approver === "object" ? ("user" in block.approver ? block.approver.user : block.approver.role) : "";
  const setResp = (i: number, r: Resp) => set({ ...block, responses: block.responses.map((x, j) => (j === i ? r : x)) });
  return (
    <div className="space-y-2">
      <SelectField label="Recipient" value={kind} options={[{ value: "role", label: "a role" }, { value: "user", label: "a user" }, { value: "owner", label: "the container's owner" }]}
        onChange={(k) => set({ ...block, approver: k === "owner" ? "container_owner" : k === "user" ? { user: ctx.users[0] ?? "" } : { role: "analyst" } })} />
      {kind !== "owner" && (
        <SelectField label={kind === "user" ? "User" : "Role"} required value={who} options={kind === "user" ? ctx.users : ctx.roles}
          onChange={(v) => set({ ...block, approver: kind === "user" ? { user: v } : { role: v } })} />
      )}
      <TextField label="Message" required multiline value={block.message} onChange={(message) => set({ ...block, message })} />
      {block.parameters.map((p, i) => (
        <DatapathInput key={i} label={`Parameter {${i}}`} value={asText(p)} options={options} onChange={(v) => set({ ...block, parameters: block.parameters.map((x, j) => (j === i ? v : x)) })} />
      ))}
      <SmallButton onClick={() => set({ ...block, parameters: [...block.parameters, ""] })}>Add parameter</SmallButton>
      <TextField label="Minutes to answer" value={String(block.responseTime)} onChange={(v) => set({ ...block, responseTime: Math.max(1, Number(v) || 1) })} />
      {block.responses.map((r, i) => (
        <Section key={i} title={`Question ${i + 1}`} actions={<SmallButton onClick={() => set({ ...block, responses: block.responses.filter((_, j) => j !== i) })}>Remove</SmallButton>}>
          <TextField label="Question" value={r.prompt} onChange={(prompt) => setResp(i, { ...r, prompt })} />
          <SelectField label="Answer" value={r.type} options={["yes/no", "list", "message"]} onChange={(t) => setResp(i, { ...r, type: t as Resp["type"] })} />
          {r.type === "list" && <TextField label="Choices (comma-separated)" value={(r.options ?? []).join(", ")} onChange={(v) => setResp(i, { ...r, options: v.split(",").map((s) => s.trim()).filter(Boolean) })} />}
        </Section>
      ))}
      <SmallButton onClick={() => set({ ...block, responses: [...block.responses, { prompt: "", type: "message" }] })}>Add question</SmallButton>
    </div>
  );
}
