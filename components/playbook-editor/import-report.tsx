// A SOAR import report: what of the playbook cannot bind in Vigil yet. Shown after an upload and
// on the imported playbook's page, so nothing that will fail at run time is silently dropped.
import type { ImportReport } from "@/lib/domain/soar-import";

const SECTIONS: { key: keyof ImportReport; title: string; line: (x: never) => string }[] = [
  { key: "unboundActions", title: "Unbound actions", line: (u: ImportReport["unboundActions"][number]) => `${u.block}: ${u.action} — ${u.reason}` },
  { key: "assetsToCreate", title: "Assets to create", line: (a: ImportReport["assetsToCreate"][number]) => `"${a.asset}" for app ${a.app}` },
  { key: "missingCustomFunctions", title: "Custom functions missing", line: (c: ImportReport["missingCustomFunctions"][number]) => `${c.customFunction} (block ${c.block})` },
  { key: "missingPlaybooks", title: "Playbooks missing", line: (p: ImportReport["missingPlaybooks"][number]) => `${p.playbook} (block ${p.block})` },
  { key: "danglingDatapaths", title: "Dangling datapaths", line: (d: ImportReport["danglingDatapaths"][number]) => `${d.datapath} (block ${d.block})` },
];

export function ImportReportView({ report, name }: { report: ImportReport; name: string }) {
  const shown = SECTIONS.filter((s) => (report[s.key] ?? []).length > 0);
  if (shown.length === 0) return <p className="text-xs text-emerald-700 dark:text-emerald-400">Everything binds: every action has an app, every asset, custom function and datapath exists.</p>;
  return (
    <div aria-label={`Import report of ${name}`} className="space-y-1.5 text-xs">
      {shown.map((s) => (
        <section key={s.key} aria-label={s.title}>
          <h4 className="font-medium text-amber-800 dark:text-amber-300">{s.title} ({report[s.key].length})</h4>
          <ul className="ml-4 list-disc break-words font-mono text-[11px] text-slate-700 dark:text-slate-300">
            {(report[s.key] as never[]).map((x, i) => <li key={i}>{s.line(x)}</li>)}
          </ul>
        </section>
      ))}
    </div>
  );
}
