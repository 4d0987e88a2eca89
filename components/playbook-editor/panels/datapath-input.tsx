"use client";
// A value that may be a literal or a datapath: type it, or pick from what upstream blocks
// produce (a searchable list in a popover, grouped by where the data comes from).
import { Popover } from "radix-ui";
import { useId, useState } from "react";
import { inputClass } from "@/components/ui/field";
import type { DatapathOption } from "../model/datapath-options";

export function DatapathInput({ label, value, onChange, options, required }: {
  label: string; value: string; onChange: (v: string) => void; options: DatapathOption[]; required?: boolean;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState("");
  const shown = options.filter((o) => o.value.toLowerCase().includes(q.toLowerCase())).slice(0, 200);
  const groups = [...new Set(shown.map((o) => o.group))];
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700 dark:text-slate-300">
        {label}{required && <span className="text-red-600" aria-label="required"> *</span>}
      </label>
      <div className="flex gap-1">
        <input id={id} value={value} onChange={(e) => onChange(e.target.value)} className={`${inputClass} font-mono text-xs`} spellCheck={false} />
        <Popover.Root open={open} onOpenChange={setOpen}>
          <Popover.Trigger asChild>
            <button type="button" aria-label={`Pick a datapath for ${label}`} className="rounded-md border border-slate-300 px-2 text-xs hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800">
              ⋯
            </button>
          </Popover.Trigger>
          <Popover.Portal>
            <Popover.Content align="end" sideOffset={4} className="z-50 w-96 rounded-lg border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900">
              <input autoFocus placeholder="Search datapaths" aria-label="Search datapaths" value={q} onChange={(e) => setQ(e.target.value)} className={`${inputClass} mb-2 text-xs`} />
              <div role="listbox" aria-label={`Datapaths for ${label}`} className="max-h-72 overflow-y-auto">
                {groups.length === 0 && <p className="p-2 text-xs text-slate-500">Nothing upstream produces data that matches.</p>}
                {groups.map((g) => (
                  <div key={g} role="group" aria-label={g}>
                    <div className="px-1 pt-1 text-[10px] font-semibold uppercase text-slate-500">{g}</div>
                    {shown.filter((o) => o.group === g).map((o) => (
                      <button
                        key={o.value} type="button" role="option" aria-selected={o.value === value}
                        onClick={() => { onChange(o.value); setOpen(false); setQ(""); }}
                        className="block w-full truncate rounded px-2 py-1 text-left font-mono text-xs hover:bg-slate-100 dark:hover:bg-slate-800"
                      >
                        {o.value}
                      </button>
                    ))}
                  </div>
                ))}
              </div>
            </Popover.Content>
          </Popover.Portal>
        </Popover.Root>
      </div>
    </div>
  );
}
