"use client";
// Renders a note's markdown (lib/markdown.ts) as React elements: no HTML string is ever
// injected, so whatever a note contains shows as text. Notes longer than RENDER_LIMIT show
// their start and offer the whole text as a download.
import { memo, type ReactNode } from "react";
import { parseMarkdown, RENDER_LIMIT, type MdNode } from "@/lib/markdown";

const CELL = "border border-slate-300 px-2 py-1 align-top dark:border-slate-700";
const ALIGN = { left: "text-left", center: "text-center", right: "text-right" } as const;

function render(nodes: MdNode[]): ReactNode[] {
  return nodes.map((n, i) => {
    if (typeof n === "string") return n;
    const c = render(n.children);
    switch (n.tag) {
      case "h1": return <h3 key={i} className="text-lg font-semibold">{c}</h3>;
      case "h2": return <h4 key={i} className="text-base font-semibold">{c}</h4>;
      case "h3": return <h5 key={i} className="text-sm font-semibold">{c}</h5>;
      case "p": return <p key={i}>{c}</p>;
      case "blockquote": return <blockquote key={i} className="border-l-4 border-slate-300 pl-3 text-slate-600 dark:border-slate-600 dark:text-slate-400">{c}</blockquote>;
      case "ul": return <ul key={i} className="list-disc pl-5">{c}</ul>;
      case "ol": return <ol key={i} start={n.start} className="list-decimal pl-5">{c}</ol>;
      case "li": return <li key={i}>{c}</li>;
      case "pre": return <pre key={i} className="overflow-x-auto rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-800">{c}</pre>;
      case "code": return <code key={i} className="rounded bg-slate-100 px-1 font-mono text-[0.85em] dark:bg-slate-800">{c}</code>;
      case "hr": return <hr key={i} className="border-slate-200 dark:border-slate-700" />;
      case "br": return <br key={i} />;
      case "strong": return <strong key={i}>{c}</strong>;
      case "em": return <em key={i}>{c}</em>;
      case "s": return <s key={i}>{c}</s>;
      case "a": return n.href ? <a key={i} href={n.href} rel="noopener noreferrer nofollow" target="_blank" className="link underline">{c}</a> : <span key={i}>{c}</span>;
      case "table": return <div key={i} className="overflow-x-auto"><table className="border-collapse text-xs">{c}</table></div>;
      case "thead": return <thead key={i} className="bg-slate-50 dark:bg-slate-800/50">{c}</thead>;
      case "tbody": return <tbody key={i}>{c}</tbody>;
      case "tr": return <tr key={i}>{c}</tr>;
      case "th": return <th key={i} className={`${CELL} font-semibold ${ALIGN[n.align ?? "left"]}`}>{c}</th>;
      case "td": return <td key={i} className={`${CELL} ${ALIGN[n.align ?? "left"]}`}>{c}</td>;
    }
  });
}

function downloadText(source: string) {
  const url = URL.createObjectURL(new Blob([source], { type: "text/markdown;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = "note.md";
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// Memoised: the notes panel re-renders on every keystroke in its form.
export const Markdown = memo(function Markdown({ source }: { source: string }) {
  const { nodes, truncated } = parseMarkdown(source);
  return (
    <div className="space-y-2 text-sm leading-relaxed break-words">
      {render(nodes)}
      {truncated && (
        <p role="note" className="rounded border border-amber-300 bg-amber-50 px-2 py-1 text-xs text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200">
          Note truncated: only the first {RENDER_LIMIT / 1024} KB of {Math.ceil(source.length / 1024)} KB are shown.{" "}
          <button type="button" className="link underline" onClick={() => downloadText(source)}>Download the full text</button>
        </p>
      )}
    </div>
  );
});
