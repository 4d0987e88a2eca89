"use client";
// The approvals inbox: approval requests on the user's assets (the action, its parameters, the
// asset, the event and the playbook that asked, the time left) with approve and deny, and the
// prompts playbooks put to the user or their role, with their response types.
import Link from "next/link";
import { useState } from "react";
import { answerPromptAction, respondApprovalAction } from "@/app/(console)/approvals/actions";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Time } from "@/components/ui/time";
import { useActionToast } from "@/components/ui/toast";
import { Empty, Section } from "@/components/events/section";
import type { InboxApproval } from "@/lib/domain/approval-inbox";
import type { InboxPrompt } from "@/lib/domain/prompt-inbox";

type Json<T> = { [K in keyof T]: T[K] extends Date | null ? string | null : T[K] extends Date ? string : T[K] };
const STAGES = ["", "primary owners", "secondary owners", "managers"];

function ApprovalCard({ a, canRespond }: { a: Json<InboxApproval>; canRespond: boolean }) {
  const { pending, run } = useActionToast();
  const [message, setMessage] = useState("");
  const late = a.dueAt !== null && Date.parse(a.dueAt) < Date.now();
  return (
    <li className="rounded border border-slate-200 p-3 dark:border-slate-700" data-testid={`approval-${a.id}`}>
      <div className="flex flex-wrap items-baseline gap-2">
        <span className="font-semibold">{a.action}</span> on <span className="font-medium">{a.assetName}</span>
        <span className="text-sm text-slate-500">requested by {a.requestedBy} · <Time value={a.createdAt} /></span>
        <span className={`ml-auto rounded px-1.5 py-0.5 text-xs ${a.status === "pending" ? "bg-amber-100 text-amber-800 dark:bg-amber-900/40 dark:text-amber-300" : "bg-slate-100 dark:bg-slate-800"}`}>{a.status}</span>
      </div>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        {a.containerId && <>Event <Link className="link" href={`/events/${a.containerId}`}>#{a.containerId} {a.containerName}</Link> · </>}
        {a.playbookName ? <>asked by playbook <span className="font-medium">{a.playbookName}</span> · </> : "run by hand · "}
        waiting on the {STAGES[a.stage]}
        {a.status === "pending" && a.dueAt && <> · {late ? "escalates now" : <>escalates <Time value={a.dueAt} /></>}</>}
      </p>
      <pre className="mt-2 max-h-40 overflow-auto rounded bg-slate-50 p-2 text-xs dark:bg-slate-800">{JSON.stringify(a.parameters, null, 2)}</pre>
      {a.status === "pending" && a.mine && canRespond && (
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <label className="sr-only" htmlFor={`comment-${a.id}`}>Comment</label>
          <input id={`comment-${a.id}`} className={`${inputClass} max-w-md`} placeholder="Comment (optional)" value={message} onChange={(e) => setMessage(e.target.value)} />
          <Button disabled={pending} onClick={() => run(() => respondApprovalAction({ id: a.id, decision: "approve", message }), "Approved: the action runs")}>Approve</Button>
          <Button variant="danger" disabled={pending} onClick={() => run(() => respondApprovalAction({ id: a.id, decision: "deny", message }), "Denied")}>Deny</Button>
        </div>
      )}
      {a.status !== "pending" && a.message && <p className="mt-1 text-sm">Comment: {a.message}</p>}
    </li>
  );
}

function PromptCard({ p }: { p: Json<InboxPrompt> }) {
  const { pending, run } = useActionToast();
  const [answers, setAnswers] = useState<string[]>(p.responses.map((q) => (q.type === "yes/no" ? "Yes" : q.options?.[0] ?? "")));
  const set = (i: number, v: string) => setAnswers((a) => a.map((x, j) => (j === i ? v : x)));
  return (
    <li className="rounded border border-slate-200 p-3 dark:border-slate-700" data-testid={`prompt-${p.id}`}>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Playbook <span className="font-medium">{p.playbookName}</span> on <Link className="link" href={`/events/${p.containerId}`}>#{p.containerId} {p.containerName}</Link>
        {p.due && <> · respond by <Time value={p.due} /></>}
      </p>
      <p className="mt-1 whitespace-pre-wrap">{p.message}</p>
      <form className="mt-2 space-y-2" onSubmit={(e) => {
        e.preventDefault();
        run(() => answerPromptAction({ id: p.id, responses: answers }), "Answer sent: the playbook goes on");
      }}>
        {p.responses.map((q, i) => (
          <label key={i} className="block text-sm">
            <span className="font-medium">{q.prompt}</span>
            {q.type === "yes/no" || q.type === "list" ? (
              <select className={`${inputClass} mt-1`} value={answers[i]} onChange={(e) => set(i, e.target.value)}>
                {(q.type === "yes/no" ? ["Yes", "No"] : q.options ?? []).map((o) => <option key={o}>{o}</option>)}
              </select>
            ) : (
              <input className={`${inputClass} mt-1`} required value={answers[i]} onChange={(e) => set(i, e.target.value)} />
            )}
          </label>
        ))}
        <Button type="submit" disabled={pending}>Answer</Button>
      </form>
    </li>
  );
}

/** `filtered`: the filters in words; the list is then only the matching approvals (no prompts). */
export function ApprovalsInbox({ approvals, prompts, canRespond, filtered }: { approvals: Json<InboxApproval>[]; prompts: Json<InboxPrompt>[]; canRespond: boolean; filtered: string | null }) {
  if (filtered !== null) {
    return (
      <Section title="Matching approvals" count={approvals.length} actions={<span className="text-sm text-slate-500 dark:text-slate-400">{filtered}</span>}>
        {approvals.length === 0 ? <Empty>No approval matches these filters.</Empty> : <ul className="space-y-3">{approvals.map((a) => <ApprovalCard key={a.id} a={a} canRespond={canRespond} />)}</ul>}
      </Section>
    );
  }
  const waiting = approvals.filter((a) => a.status === "pending");
  const answered = approvals.filter((a) => a.status !== "pending");
  return (
    <div className="space-y-4">
      <Section title="Waiting for you" count={waiting.length}>
        {waiting.length === 0 ? <Empty>No approval waits for you.</Empty> : <ul className="space-y-3">{waiting.map((a) => <ApprovalCard key={a.id} a={a} canRespond={canRespond} />)}</ul>}
      </Section>
      <Section title="Prompts" count={prompts.length}>
        {prompts.length === 0 ? <Empty>No playbook is asking you anything.</Empty> : <ul className="space-y-3">{prompts.map((p) => <PromptCard key={p.id} p={p} />)}</ul>}
      </Section>
      {answered.length > 0 && (
        <Section title="Answered in the last 7 days" count={answered.length}>
          <ul className="space-y-3">{answered.map((a) => <ApprovalCard key={a.id} a={a} canRespond={false} />)}</ul>
        </Section>
      )}
    </div>
  );
}
