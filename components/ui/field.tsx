import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";

export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-500 dark:border-slate-600 dark:bg-slate-900 " +
  // Read-only roles see controls they cannot use: greyed in light mode as in dark, not just inert.
  "disabled:cursor-not-allowed disabled:border-slate-200 disabled:bg-slate-100 disabled:text-slate-500 dark:disabled:border-slate-700 dark:disabled:bg-slate-800 dark:disabled:text-slate-400";

export function Field({ label, htmlFor, children, hint }: { label: string; htmlFor: string; children: ReactNode; hint?: string }) {
  return (
    <div className="space-y-1">
      <label htmlFor={htmlFor} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
        {label}
      </label>
      {children}
      {hint && <p className="text-xs text-slate-500 dark:text-slate-400">{hint}</p>}
    </div>
  );
}

export function Input(props: InputHTMLAttributes<HTMLInputElement>) {
  return <input {...props} className={`${inputClass} ${props.className ?? ""}`} />;
}

export function Select(props: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select {...props} className={`${inputClass} ${props.className ?? ""}`} />;
}

/**
 * Says in words when typed text is over a limit, so a form can refuse it before sending (a too
 * large server action body is a bare 500) and keep what was typed.
 */
export function overLimit(text: string, max: number, what: string): string | null {
  if (text.length <= max) return null;
  return `This ${what} is ${text.length.toLocaleString("en")} characters long; the limit is ${max.toLocaleString("en")} characters. Shorten it, or attach the text as a file.`;
}

export function FieldError({ children }: { children: ReactNode }) {
  return <p role="alert" className="text-sm text-red-700 dark:text-red-400">{children}</p>;
}
