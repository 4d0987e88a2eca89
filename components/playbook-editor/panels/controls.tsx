"use client";
// Small labelled controls the block forms share.
import { useId, type ReactNode } from "react";
import { inputClass } from "@/components/ui/field";

export function TextField({ label, value, onChange, multiline, mono, required }: {
  label: string; value: string; onChange: (v: string) => void; multiline?: boolean; mono?: boolean; required?: boolean;
}) {
  const id = useId();
  const cls = `${inputClass} text-xs ${mono ? "font-mono" : ""}`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700 dark:text-slate-300">
        {label}{required && <span className="text-red-600" aria-label="required"> *</span>}
      </label>
      {multiline
        ? <textarea id={id} rows={5} value={value} onChange={(e) => onChange(e.target.value)} className={cls} />
        : <input id={id} value={value} onChange={(e) => onChange(e.target.value)} className={cls} />}
    </div>
  );
}

export function SelectField({ label, value, onChange, options, required }: {
  label: string; value: string; onChange: (v: string) => void; options: (string | { value: string; label: string })[]; required?: boolean;
}) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700 dark:text-slate-300">
        {label}{required && <span className="text-red-600" aria-label="required"> *</span>}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className={`${inputClass} text-xs`}>
        {options.map((o) => typeof o === "string" ? <option key={o} value={o}>{o}</option> : <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
}

export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="space-y-2 rounded border border-slate-200 p-2 dark:border-slate-700">
      <div className="flex items-center justify-between">
        <h3 className="text-xs font-semibold text-slate-600 dark:text-slate-300">{title}</h3>
        {actions}
      </div>
      {children}
    </section>
  );
}

export function SmallButton({ children, onClick, label }: { children: ReactNode; onClick: () => void; label?: string }) {
  return (
    <button type="button" aria-label={label} onClick={onClick} className="rounded border border-slate-300 px-1.5 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800">
      {children}
    </button>
  );
}

/** A literal or datapath as the form edits it (numbers and booleans shown as text). */
export const asText = (v: unknown) => (v === null || v === undefined ? "" : String(v));
