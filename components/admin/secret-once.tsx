"use client";
import { useEffect, useRef, useState } from "react";

/** A password or token that is shown once and never again. */
export function SecretOnce({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  // Shown where the administrator may not be looking (below a long list): bring it into view.
  const box = useRef<HTMLSpanElement>(null);
  useEffect(() => box.current?.scrollIntoView({ block: "center", behavior: "smooth" }), [value]);
  return (
    <span ref={box} className="mt-2 block rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-700 dark:bg-amber-950">
      <span className="block text-xs font-medium text-amber-800 dark:text-amber-300">{label} (shown only now, copy it)</span>
      <span className="mt-1 flex items-center gap-2">
        <code data-testid="secret-once" className="break-all font-mono text-sm">{value}</code>
        <button
          type="button"
          className="shrink-0 rounded border border-amber-400 px-2 py-0.5 text-xs"
          onClick={() => navigator.clipboard?.writeText(value).then(() => setCopied(true))}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </span>
    </span>
  );
}
