"use client";
// Python shown, not edited: CodeMirror with Python highlighting, read-only (an imported SOAR
// playbook runs its .py as imported, so the console never changes it).
import { python } from "@codemirror/lang-python";
import { EditorState } from "@codemirror/state";
import { EditorView, basicSetup } from "codemirror";
import { useEffect, useRef } from "react";

export function PythonView({ code, label }: { code: string; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const v = new EditorView({
      doc: code,
      parent: host.current!,
      extensions: [
        basicSetup, python(), EditorState.readOnly.of(true), EditorView.editable.of(false),
        EditorView.contentAttributes.of({ "aria-label": label, "aria-readonly": "true" }),
        EditorView.theme({ "&": { fontSize: "11px", maxHeight: "420px" }, ".cm-scroller": { overflow: "auto" } }),
      ],
    });
    return () => v.destroy();
  }, [code, label]);
  return <div ref={host} data-testid="python-view" className="overflow-hidden rounded border border-slate-300 bg-white text-slate-900 dark:border-slate-600" />;
}
