"use client";
// What can be done with one CEF value: copy it, search for it, open its indicator, and (once
// apps exist) run an action on it by its contains type.
import Link from "next/link";
import { useCallback, useRef, useState } from "react";
import { useDismiss } from "@/components/ui/use-dismiss";

export function ValueMenu({ value, indicatorId, contains }: { value: string; indicatorId?: number; contains: string[] }) {
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useDismiss(ref, open, useCallback(() => setOpen(false), []));
  const item = "block w-full px-3 py-1.5 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800";
  return (
    <div ref={ref} className="relative inline-block max-w-full">
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)}
        className="max-w-full break-all rounded px-1 text-left font-mono text-xs hover:bg-slate-100 dark:hover:bg-slate-800">
        {value}
      </button>
      {open && (
        <div role="menu" aria-label={`Actions for ${value}`} className="absolute left-0 z-20 mt-1 w-56 rounded-lg border border-slate-200 bg-white py-1 shadow-lg dark:border-slate-700 dark:bg-slate-900">
          <button role="menuitem" type="button" className={item} onClick={() => {
            void navigator.clipboard?.writeText(value).then(() => setCopied(true), () => setCopied(false));
          }}>{copied ? "Copied" : "Copy"}</button>
          <Link role="menuitem" className={item} href={`/search?q=${encodeURIComponent(value)}`}>Search for this value</Link>
          {indicatorId
            ? <Link role="menuitem" className={item} href={`/indicators/${indicatorId}`}>Show its indicator</Link>
            : <span role="menuitem" aria-disabled="true" className={`${item} cursor-not-allowed text-slate-400`}>Not an indicator</span>}
          <span role="menuitem" aria-disabled="true" title="Comes with apps" className={`${item} cursor-not-allowed text-slate-400`}>
            Run action{contains.length ? ` (${contains.join(", ")})` : ""}…
          </span>
        </div>
      )}
    </div>
  );
}
