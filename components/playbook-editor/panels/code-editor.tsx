"use client";
// CodeMirror 6 (bundled, works offline) for code blocks, completing the playbook API's names.
import { javascript } from "@codemirror/lang-javascript";
import { EditorView, basicSetup } from "codemirror";
import { useEffect, useRef } from "react";
import type { CompletionContext } from "@codemirror/autocomplete";

/** The playbook API a code block can call (lib/engine/code-blocks.ts), with its signature. */
export const PHANTOM_API: [string, string][] = [
  ["debug", "(value)"], ["collect2", "(datapaths: string[]) => rows"], ["format", "(template, parameters) => string"],
  ["save_run_data", "(key, value)"], ["get_run_data", "(key) => string"], ["add_note", "(title, content)"], ["comment", "(text)"],
  ["set_status", "(status)"], ["set_severity", "(severity)"], ["set_sensitivity", "(sensitivity)"], ["set_owner", "(owner)"],
  ["add_tag", "(tags)"], ["promote_to_case", "()"],
];

function phantomCompletions(ctx: CompletionContext) {
  const m = ctx.matchBefore(/phantom\.\w*/);
  if (!m) return null;
  return { from: m.from + "phantom.".length, options: PHANTOM_API.map(([label, detail]) => ({ label, detail, type: "function" })) };
}

export function CodeEditor({ value, onChange, label }: { value: string; onChange: (v: string) => void; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  const change = useRef(onChange);
  useEffect(() => { change.current = onChange; }, [onChange]);
  const view = useRef<EditorView | null>(null);
  useEffect(() => {
    const v = new EditorView({
      doc: value,
      parent: host.current!,
      extensions: [
        basicSetup, javascript(), javascript().language.data.of({ autocomplete: phantomCompletions }),
        EditorView.updateListener.of((u) => { if (u.docChanged) change.current(u.state.doc.toString()); }),
        EditorView.contentAttributes.of({ "aria-label": label }),
        EditorView.theme({ "&": { fontSize: "12px", maxHeight: "360px" }, ".cm-scroller": { overflow: "auto" } }),
      ],
    });
    view.current = v;
    return () => v.destroy();
    // The editor owns its text once mounted; a different block remounts it (key).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return <div ref={host} className="overflow-hidden rounded border border-slate-300 bg-white text-slate-900 dark:border-slate-600" />;
}
