"use client";
// Every problem of the playbook as you draw; clicking one selects its block.
import type { Problem } from "@/lib/engine/validate";

export function ProblemsPanel({ problems, names, onPick }: { problems: Problem[]; names: Record<string, string>; onPick: (id: string) => void }) {
  const errors = problems.filter((p) => p.severity === "error").length;
  return (
    <section aria-label="Problems" className="space-y-1">
      <h2 className="text-sm font-semibold">
        Problems <span className="font-normal text-slate-500">({errors} error{errors === 1 ? "" : "s"}, {problems.length - errors} warning{problems.length - errors === 1 ? "" : "s"})</span>
      </h2>
      {problems.length === 0 && <p className="text-xs text-emerald-700 dark:text-emerald-400">No problems: this playbook can be activated.</p>}
      <ul className="max-h-48 space-y-1 overflow-y-auto">
        {problems.map((p, i) => (
          <li key={i}>
            <button
              type="button" disabled={!p.blockId} onClick={() => p.blockId && onPick(p.blockId)}
              className={`w-full rounded px-2 py-1 text-left text-xs ${p.severity === "error" ? "bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-300" : "bg-amber-50 text-amber-800 dark:bg-amber-950 dark:text-amber-300"}`}
            >
              {p.blockId ? <span className="font-mono font-semibold">{names[p.blockId] ?? p.blockId}: </span> : null}{p.message}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
