// One REST operation on the console's API page: method, path, who may call it, and the fields
// of its request and response, read from the same JSON Schema that /rest/openapi.json serves.

export interface FieldRow {
  name: string;
  type: string;
  required: boolean;
  note: string;
}

export interface OperationView {
  method: string;
  path: string;
  summary: string;
  permission: string;
  list: boolean;
  body: FieldRow[] | null;
  response: FieldRow[];
}

const METHOD_STYLE: Record<string, string> = {
  GET: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  POST: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  DELETE: "bg-rose-100 text-rose-900 dark:bg-rose-950 dark:text-rose-200",
};

function Fields({ title, rows }: { title: string; rows: FieldRow[] }) {
  if (!rows.length) return null;
  return (
    <details className="mt-3">
      <summary className="cursor-pointer text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
        {title} ({rows.length} fields)
      </summary>
      <table className="mt-2 w-full text-left text-xs">
        <tbody>
          {rows.map((f) => (
            <tr key={f.name} className="border-t border-slate-100 align-top dark:border-slate-800">
              <td className="py-1 pr-3 font-mono">
                {f.name}
                {f.required && <span className="ml-1 text-rose-600 dark:text-rose-400" title="required">*</span>}
              </td>
              <td className="py-1 pr-3 font-mono text-slate-600 dark:text-slate-400">{f.type}</td>
              <td className="py-1 text-slate-600 dark:text-slate-400">{f.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export function OperationCard({ op }: { op: OperationView }) {
  return (
    <article className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-center gap-2">
        <span className={`rounded px-2 py-0.5 font-mono text-xs font-semibold ${METHOD_STYLE[op.method] ?? ""}`}>{op.method}</span>
        <code className="font-mono text-sm">{op.path}</code>
        <span className="ml-auto rounded bg-slate-100 px-2 py-0.5 font-mono text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          {op.permission}
        </span>
      </div>
      <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">{op.summary}</p>
      {op.list && (
        <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          Paged: <code>page</code>, <code>page_size</code> (0 = all), <code>sort</code>, <code>order</code>, <code>_filter_*</code>.
        </p>
      )}
      {op.body && <Fields title="Request body" rows={op.body} />}
      <Fields title="Response" rows={op.response} />
    </article>
  );
}
