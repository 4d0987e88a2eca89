// The side panel of an imported SOAR playbook with no block selected: what it is, and how its SOAR
// block types map to Vigil's node types (with how many of each), so the mapping reads at a glance.
import type { SoarPlaybookView } from "@/lib/domain/soar-view";
import { KIND } from "../model/blocks";

export function SoarSummary({ view }: { view: SoarPlaybookView }) {
  const counts = new Map<string, { soar: string; vigil: string; n: number }>();
  for (const n of Object.values(view.graph.nodes)) {
    const soar = n.soar.type + (n.soar.data.utilityType ? ` (${String(n.soar.data.utilityType)})` : "");
    const vigil = KIND[n.data.type as keyof typeof KIND]?.label ?? String(n.data.type);
    const k = `${soar}>${vigil}`;
    counts.set(k, { soar, vigil, n: (counts.get(k)?.n ?? 0) + 1 });
  }
  return (
    <div className="space-y-3 text-xs">
      <p className="text-slate-600 dark:text-slate-400">{view.repo}/{view.name}, labels {view.labels.join(", ")}. Click a block to see its settings and its Python.</p>
      <table aria-label="SOAR block types" className="w-full text-left">
        <thead className="text-slate-500"><tr><th className="font-medium">SOAR block</th><th className="font-medium">Vigil node</th><th className="text-right font-medium">Blocks</th></tr></thead>
        <tbody>
          {[...counts.values()].sort((a, b) => b.n - a.n).map((c) => (
            <tr key={`${c.soar}>${c.vigil}`} className="border-t border-slate-100 dark:border-slate-800"><td className="font-mono">{c.soar}</td><td>{c.vigil}</td><td className="text-right tabular-nums">{c.n}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
