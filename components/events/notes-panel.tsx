"use client";
// Notes (markdown) and comments (one line each) of a container, with their forms.
import { useState, useTransition } from "react";
import { addCommentAction, addNoteAction } from "@/app/(console)/events/actions";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Time } from "@/components/ui/time";
import { EvidenceToggle } from "./evidence-toggle";
import { Markdown } from "./markdown";
import { Empty, Section } from "./section";

interface NoteRow { id: number; title: string; content: string; authorName: string | null; createdAt: Date | string }
interface CommentRow { id: number; content: string; authorName: string | null; createdAt: Date | string }

function useSubmit() {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const submit = (fn: () => Promise<{ ok: boolean; error?: string }>, done: () => void) =>
    start(async () => {
      const r = await fn();
      setError(r.ok ? null : (r.error ?? "failed"));
      if (r.ok) done();
    });
  return { pending, error, submit };
}

export function NotesPanel({ containerId, notes, caseId, evidence, canWrite }: {
  containerId: number; notes: NoteRow[]; caseId: number | null; evidence: string[]; canWrite: boolean;
}) {
  const [title, setTitle] = useState("");
  const [content, setContent] = useState("");
  const { pending, error, submit } = useSubmit();
  return (
    <Section title="Notes" count={notes.length}>
      {notes.length === 0 && <Empty>No notes yet.</Empty>}
      <ul className="space-y-4">
        {notes.map((n) => (
          <li key={n.id} data-note-id={n.id} className="border-b border-slate-100 pb-3 last:border-0 dark:border-slate-800">
            <div className="mb-1 flex flex-wrap items-center justify-between gap-2">
              <p className="font-medium">{n.title || "Untitled note"}</p>
              <span className="flex items-center gap-3 text-xs text-slate-500 dark:text-slate-400">
                {n.authorName ?? "system"} · <Time value={n.createdAt} />
                {caseId && <EvidenceToggle caseId={caseId} type="note" id={n.id} marked={evidence.includes(`note:${n.id}`)} canWrite={canWrite} />}
              </span>
            </div>
            <Markdown source={n.content} />
          </li>
        ))}
      </ul>
      {canWrite && (
        <form className="mt-4 space-y-2" onSubmit={(e) => { e.preventDefault(); submit(() => addNoteAction({ container_id: containerId, title, content }), () => { setTitle(""); setContent(""); }); }}>
          <input aria-label="Note title" placeholder="Title" className={inputClass} value={title} onChange={(e) => setTitle(e.target.value)} />
          <textarea aria-label="Note (markdown)" placeholder="What did you find? Markdown: **bold**, `code`, - lists, [links](https://…)" rows={4} className={inputClass} value={content} onChange={(e) => setContent(e.target.value)} />
          {error && <p role="alert" className="text-sm text-red-700 dark:text-red-400">{error}</p>}
          <Button type="submit" disabled={pending || !content.trim()}>Add note</Button>
        </form>
      )}
    </Section>
  );
}

export function CommentsPanel({ containerId, comments, canWrite }: { containerId: number; comments: CommentRow[]; canWrite: boolean }) {
  const [text, setText] = useState("");
  const { pending, error, submit } = useSubmit();
  return (
    <Section title="Comments" count={comments.length}>
      {comments.length === 0 && <Empty>No comments yet.</Empty>}
      <ul className="space-y-2 text-sm">
        {comments.map((c) => (
          <li key={c.id}><span className="font-medium">{c.authorName ?? "system"}</span> <Time className="text-xs text-slate-500 dark:text-slate-400" value={c.createdAt} /><p className="whitespace-pre-wrap">{c.content}</p></li>
        ))}
      </ul>
      {canWrite && (
        <form className="mt-3 flex gap-2" onSubmit={(e) => { e.preventDefault(); submit(() => addCommentAction({ container_id: containerId, comment: text }), () => setText("")); }}>
          <input aria-label="Comment" placeholder="Add a comment" className={inputClass} value={text} onChange={(e) => setText(e.target.value)} />
          <Button type="submit" variant="secondary" disabled={pending || !text.trim()}>Comment</Button>
        </form>
      )}
      {error && <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">{error}</p>}
    </Section>
  );
}
