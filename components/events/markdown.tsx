// Renders a note's markdown as React elements (lib/markdown.ts): no HTML string is ever
// injected, so whatever a note contains shows as text.
import type { ReactNode } from "react";
import { parseMarkdown, type Inline } from "@/lib/markdown";

function inline(nodes: Inline[]): ReactNode[] {
  return nodes.map((n, i) => {
    switch (n.t) {
      case "text": return n.v;
      case "code": return <code key={i} className="rounded bg-slate-100 px-1 font-mono text-[0.85em] dark:bg-slate-800">{n.v}</code>;
      case "strong": return <strong key={i}>{inline(n.c)}</strong>;
      case "em": return <em key={i}>{inline(n.c)}</em>;
      case "link": return <a key={i} href={n.href} rel="noopener noreferrer nofollow" target="_blank" className="link underline">{inline(n.c)}</a>;
    }
  });
}

export function Markdown({ source }: { source: string }) {
  return (
    <div className="space-y-2 text-sm leading-relaxed">
      {parseMarkdown(source).map((b, i) => {
        switch (b.t) {
          case "h": {
            const cls = ["", "text-lg font-semibold", "text-base font-semibold", "text-sm font-semibold"][b.level];
            return b.level === 1 ? <h3 key={i} className={cls}>{inline(b.c)}</h3> : b.level === 2 ? <h4 key={i} className={cls}>{inline(b.c)}</h4> : <h5 key={i} className={cls}>{inline(b.c)}</h5>;
          }
          case "p": return <p key={i}>{inline(b.c)}</p>;
          case "quote": return <blockquote key={i} className="border-l-4 border-slate-300 pl-3 text-slate-600 dark:border-slate-600 dark:text-slate-400">{inline(b.c)}</blockquote>;
          case "ul": return <ul key={i} className="list-disc pl-5">{b.items.map((it, j) => <li key={j}>{inline(it)}</li>)}</ul>;
          case "ol": return <ol key={i} className="list-decimal pl-5">{b.items.map((it, j) => <li key={j}>{inline(it)}</li>)}</ol>;
          case "pre": return <pre key={i} className="overflow-x-auto rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-800">{b.v}</pre>;
        }
      })}
    </div>
  );
}
