// The artifacts of a container with their CEF fields; every value opens a menu of what can be
// done with it. Evidence checkboxes appear when the container is (in) a case.
import type { Investigation } from "@/lib/domain/investigation";
import { SeverityBadge } from "./badges";
import { EvidenceToggle } from "./evidence-toggle";
import { Empty, Section } from "./section";
import { ValueMenu } from "./value-menu";

export function ArtifactsTable({ data, canWrite }: { data: Investigation; canWrite: boolean }) {
  const indicatorOf = new Map(data.indicators.map((i) => [i.value, i]));
  return (
    <Section title="Artifacts" count={data.artifacts.length}>
      {data.artifacts.length === 0 ? <Empty>No artifacts yet.</Empty> : (
        <div className="-m-4 overflow-x-auto">
          <table className="w-full text-sm" aria-label="Artifacts">
            <thead className="border-b border-slate-200 text-left text-xs uppercase text-slate-500 dark:border-slate-800 dark:text-slate-400">
              <tr><th className="px-4 py-2 font-medium">Artifact</th><th className="px-4 py-2 font-medium">CEF field</th><th className="px-4 py-2 font-medium">Value</th>{data.caseId && <th className="px-4 py-2" />}</tr>
            </thead>
            <tbody>
              {data.artifacts.map((a) => {
                const cef = Object.entries((a.cef ?? {}) as Record<string, unknown>).filter(([, v]) => v !== null && v !== "");
                const types = (a.cefTypes ?? {}) as Record<string, string[]>;
                const span = Math.max(1, cef.length);
                const head = (
                  <td rowSpan={span} className="align-top px-4 py-2">
                    <p className="font-medium">{a.name || `Artifact ${a.id}`}</p>
                    <p className="mt-0.5 flex items-center gap-1 text-xs text-slate-500 dark:text-slate-400">{a.label} <SeverityBadge value={a.severity} /></p>
                  </td>
                );
                const evidence = data.caseId ? (
                  <td rowSpan={span} className="align-top px-4 py-2">
                    <EvidenceToggle caseId={data.caseId} type="artifact" id={a.id} marked={data.evidence.includes(`artifact:${a.id}`)} canWrite={canWrite} />
                  </td>
                ) : null;
                if (!cef.length) return <tr key={a.id} className="border-b border-slate-100 dark:border-slate-800">{head}<td className="px-4 py-2 text-slate-400" colSpan={2}>no CEF fields</td>{evidence}</tr>;
                return cef.map(([k, v], i) => {
                  const value = typeof v === "string" ? v : JSON.stringify(v);
                  const indicator = indicatorOf.get(value);
                  return (
                    <tr key={`${a.id}-${k}`} data-artifact-id={a.id} className={i === cef.length - 1 ? "border-b border-slate-100 dark:border-slate-800" : ""}>
                      {i === 0 && head}
                      <td className="px-4 py-1 font-mono text-xs text-slate-600 dark:text-slate-400">{k}</td>
                      <td className="px-4 py-1"><ValueMenu value={value} indicatorId={indicator?.id} contains={types[k] ?? indicator?.types ?? []} /></td>
                      {i === 0 && evidence}
                    </tr>
                  );
                });
              })}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
