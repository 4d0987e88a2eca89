// An app's actions as its manifest declares them: type, parameters (data type, contains,
// required, default, value list) and output data paths, so an analyst or a playbook author
// knows what to pass and what comes back.
import type { ManifestAction } from "@/lib/schemas/app-manifest";
import { Section } from "@/components/events/section";

const cell = "px-3 py-1.5 align-top";
const list = (v: unknown) => (Array.isArray(v) && v.length ? v.join(", ") : "");

export function AppActions({ actions }: { actions: ManifestAction[] }) {
  return (
    <div className="space-y-4">
      {actions.map((a) => {
        const params = Object.entries(a.parameters ?? {}).sort(([, x], [, y]) => (x.order ?? 0) - (y.order ?? 0));
        return (
          <Section key={a.identifier} title={a.action}>
            <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
              <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium dark:bg-slate-800">{a.type}</span>
              {a.description}{a.read_only ? " · read only" : ""}
            </p>
            {params.length === 0 ? <p className="text-sm text-slate-500">No parameters.</p> : (
              <div className="overflow-x-auto">
                <table className="w-full text-sm" aria-label={`Parameters of ${a.action}`}>
                  <thead className="text-left text-xs uppercase text-slate-500 dark:text-slate-400">
                    <tr><th className={cell}>Parameter</th><th className={cell}>Data type</th><th className={cell}>Contains</th><th className={cell}>Required</th><th className={cell}>Default</th><th className={cell}>Values</th><th className={cell}>Description</th></tr>
                  </thead>
                  <tbody>
                    {params.map(([name, p]) => (
                      <tr key={name} className="border-t border-slate-100 dark:border-slate-800">
                        <td className={`${cell} font-mono text-xs`}>{name}{p.primary ? " (primary)" : ""}</td>
                        <td className={cell}>{p.data_type}</td>
                        <td className={cell}>{list(p.contains)}</td>
                        <td className={cell}>{p.required ? "yes" : ""}</td>
                        <td className={`${cell} font-mono text-xs`}>{p.default === undefined ? "" : String(p.default)}</td>
                        <td className={cell}>{list(p.value_list)}</td>
                        <td className={`${cell} text-slate-600 dark:text-slate-400`}>{p.description}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {(a.output ?? []).length > 0 && (
              <details className="mt-3 text-sm">
                <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Output data paths ({a.output!.length})</summary>
                <ul className="mt-2 space-y-0.5 font-mono text-xs">
                  {a.output!.map((o) => <li key={o.data_path}>{o.data_path}{o.data_type ? ` : ${o.data_type}` : ""}{o.contains?.length ? ` [${o.contains.join(", ")}]` : ""}</li>)}
                </ul>
              </details>
            )}
          </Section>
        );
      })}
    </div>
  );
}
