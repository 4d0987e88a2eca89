"use client";
// Notes (markdown) and comments (one line each) of a container, with their forms.
import { useState } from "react";
import { addCommentAction, addNoteAction } from "@/app/(console)/events/actions";
import { Button } from "@/components/ui/button";
import { FieldError, inputClass, overLimit } from "@/components/ui/field";
import { Time } from "@/components/ui/time";
import { useActionToast } from "@/components/ui/toast";
import { COMMENT_MAX_CHARS, NOTE_MAX_CHARS } from "@/lib/schemas/notes";
import { EvidenceToggle } from "./evidence-toggle";
import { Markdown } from "./markdown";
import { Empty, Section } from "./section";

interface NoteRow { id: number; title: string; content: string; authorName: string | null; createdAt: Date | string }
interface CommentRow { id: number; content: string; authorName: string | null; createdAt: Date | string }

export function NotesPanel({ containerId, notes, caseId, evidence, canWrite }: {
  containerId: number; notes: NoteRow[]; caseId: number | null; evidence: string[]; canWrite: boolean;
}) {
  const [title, setTitle] = useState("");
  const [content, setContent] = useState("");
  const [tooLong, setTooLong] = useState<string | null>(null);
  const { pending, run } = useActionToast();
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
        <form className="mt-4 space-y-2" onSubmit={(e) => {
          e.preventDefault();
          const problem = overLimit(content, NOTE_MAX_CHARS, "note");
          setTooLong(problem);
          if (!problem) run(() => addNoteAction({ container_id: containerId, title, content }), "Note added", () => { setTitle(""); setContent(""); });
        }}>
          <input aria-label="Note title" placeholder="Title" className={inputClass} value={title} onChange={(e) => setTitle(e.target.value)} />
          <textarea aria-label="Note (markdown)" placeholder="What did you find? Markdown: **bold**, `code`, - lists, [links](https://…)" rows={4} className={inputClass} value={content} onChange={(e) => setContent(e.target.value)} />
          {tooLong && <FieldError>{tooLong}</FieldError>}
          <Button type="submit" disabled={pending || !content.trim()}>Add note</Button>
        </form>
      )}
    </Section>
  );
}

export function CommentsPanel({ containerId, comments, canWrite }: { containerId: number; comments: CommentRow[]; canWrite: boolean }) {
  const [text, setText] = useState("");
  const [tooLong, setTooLong] = useState<string | null>(null);
  const { pending, run } = useActionToast();
  return (
    <Section title="Comments" count={comments.length}>
      {comments.length === 0 && <Empty>No comments yet.</Empty>}
      <ul className="space-y-2 text-sm">
        {comments.map((c) => (
          <li key={c.id}><span className="font-medium">{c.authorName ?? "system"}</span> <Time className="text-xs text-slate-500 dark:text-slate-400" value={c.createdAt} /><p className="whitespace-pre-wrap">{c.content}</p></li>
        ))}
      </ul>
      {canWrite && (
        <form className="mt-3 flex flex-wrap gap-2" onSubmit={(e) => {
          e.preventDefault();
          const problem = overLimit(text, COMMENT_MAX_CHARS, "comment");
          setTooLong(problem);
          if (!problem) run(() => addCommentAction({ container_id: containerId, comment: text }), "Comment added", () => setText(""));
        }}>
          <input aria-label="Comment" placeholder="Add a comment" className={`${inputClass} !w-auto min-w-0 flex-1`} value={text} onChange={(e) => setText(e.target.value)} />
          <Button type="submit" variant="secondary" disabled={pending || !text.trim()}>Comment</Button>
          {tooLong && <div className="basis-full"><FieldError>{tooLong}</FieldError></div>}
        </form>
      )}
    </Section>
  );
}
