"use client";
// The editor's side panel: a row of tabs over a scrolling body (the drawn editor and the read-only
// view of an imported SOAR playbook share it).
import type { ReactNode } from "react";

export function SidePanel<T extends string>({ tabs, tab, setTab, width = "w-96", children }: {
  tabs: [T, string][]; tab: T; setTab: (t: T) => void; width?: string; children: ReactNode;
}) {
  return (
    <aside aria-label="Side panel" className={`flex ${width} shrink-0 flex-col border-l border-slate-200 dark:border-slate-800`}>
      <div role="tablist" className="flex border-b border-slate-200 text-sm dark:border-slate-800">
        {tabs.map(([t, label]) => (
          <button key={t} role="tab" aria-selected={tab === t} onClick={() => setTab(t)} className={`flex-1 px-3 py-2 ${tab === t ? "border-b-2 border-brand-600 font-medium" : "text-slate-500"}`}>{label}</button>
        ))}
      </div>
      <div className="min-h-0 flex-1 space-y-4 overflow-y-auto p-3">{children}</div>
    </aside>
  );
}
